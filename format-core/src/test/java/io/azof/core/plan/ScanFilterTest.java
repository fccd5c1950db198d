package io.azof.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScanFilterTest {
    /** Key (region string, id long, day date, amount decimal(10,2), raw binary, flag boolean); payload v. */
    static final TableDefinition TABLE = TableDefinition.create(List.of("region", "id", "day", "amount", "raw", "flag"), "event_time",
            StructType.of(
                    new StructField("region", PrimitiveType.STRING, false),
                    new StructField("id", PrimitiveType.LONG, false),
                    new StructField("day", PrimitiveType.DATE, false),
                    new StructField("amount", new DecimalType(10, 2), false),
                    new StructField("raw", PrimitiveType.BINARY, false),
                    new StructField("flag", PrimitiveType.BOOLEAN, false),
                    new StructField("event_time", PrimitiveType.TIMESTAMP, false),
                    new StructField("v", PrimitiveType.STRING, true)),
            SegmentGranularity.MONTH, 16);

    private static ScanFilter.Builder builder() {
        return ScanFilter.builder(TABLE);
    }

    private static int index(String column) {
        return TABLE.keyColumns().indexOf(column);
    }

    private static ScanFilter.KeyConstraint constraint(ScanFilter filter, String column) {
        return filter.keyConstraint(index(column));
    }

    @Test
    void noneAndAnUnusedBuilderConstrainNothing() {
        assertThat(ScanFilter.none().isEmpty()).isTrue();
        assertThat(ScanFilter.none().matchesNothing()).isFalse();
        assertThat(ScanFilter.none().toString()).isEqualTo("none");
        ScanFilter unused = builder().build();
        assertThat(unused.isEmpty()).isTrue();
        assertThat(unused.matchesNothing()).isFalse();
        assertThat(unused.eventTimeLowerBound()).isEmpty();
        assertThat(constraint(unused, "id").isUnconstrained()).isTrue();
        assertThat(unused.toString()).isEqualTo("none");
    }

    @Test
    void equalityAndInIntersectAndComeOutSortedInKeyOrder() {
        ScanFilter filter = builder()
                .keyIn("region", List.of("\uD83D\uDE00", "b", "\uFFFD", "a", "b"))
                .keyIn("region", Arrays.asList("\uFFFD", "\uD83D\uDE00", "a", null, "z"))
                .build();
        // UTF-8 byte order: U+FFFD before U+1F600, though String.compareTo puts the surrogate pair first.
        assertThat(constraint(filter, "region").allowedValues()).contains(List.of("a", "\uFFFD", "\uD83D\uDE00"));
        assertThat(filter.isEmpty()).isFalse();
        assertThat(builder().keyEquals("id", 7L).keyIn("id", List.of(3L, 7L, 9L)).build().keyConstraint(index("id")).allowedValues())
                .contains(List.of(7L));
    }

    @Test
    void rangesKeepTheTightestBoundAndRestrictValueSets() {
        ScanFilter filter = builder()
                .keyGreaterThan("id", 3L, true).keyGreaterThan("id", 5L, false).keyGreaterThan("id", 5L, true)
                .keyLessThan("id", 100L, true).keyLessThan("id", 100L, false).keyLessThan("id", 200L, true)
                .build();
        ScanFilter.KeyConstraint id = constraint(filter, "id");
        assertThat(id.allowedValues()).isEmpty();
        assertThat(id.lowerBound()).contains(new ScanFilter.Bound(5L, false));
        assertThat(id.upperBound()).contains(new ScanFilter.Bound(100L, false));
        assertThat(filter.toString()).isEqualTo("id > 5 AND id < 100");

        ScanFilter restricted = builder().keyIn("id", List.of(1L, 5L, 6L, 100L)).keyGreaterThan("id", 5L, false)
                .keyLessThan("id", 100L, true).build();
        assertThat(constraint(restricted, "id").allowedValues()).contains(List.of(6L, 100L));
        assertThat(constraint(restricted, "id").lowerBound()).isEmpty();
    }

    @Test
    void aRangeClosedOnOneValueBecomesAnEquality() {
        ScanFilter filter = builder().keyGreaterThan("day", 18_000, true).keyLessThan("day", 18_000, true).build();
        assertThat(constraint(filter, "day").allowedValues()).contains(List.of(18_000));
        assertThat(filter.toString()).isEqualTo("day = DATE '2019-04-14'");
    }

    @Test
    void booleanRangesBecomeValueSets() {
        assertThat(constraint(builder().keyGreaterThan("flag", false, false).build(), "flag").allowedValues()).contains(List.of(true));
        assertThat(constraint(builder().keyLessThan("flag", true, true).build(), "flag").allowedValues()).contains(List.of(false, true));
        assertThat(builder().keyGreaterThan("flag", true, false).build().matchesNothing()).isTrue();
    }

    @Test
    void contradictionsMatchNothing() {
        assertThat(builder().keyEquals("id", 1L).keyEquals("id", 2L).build().matchesNothing()).isTrue();
        assertThat(builder().keyGreaterThan("id", 5L, false).keyLessThan("id", 3L, true).build().matchesNothing()).isTrue();
        assertThat(builder().keyGreaterThan("id", 5L, false).keyLessThan("id", 5L, true).build().matchesNothing()).isTrue();
        assertThat(builder().keyIn("region", List.of()).build().matchesNothing()).isTrue();
        assertThat(builder().keyIn("id", List.of(1L, 2L)).keyGreaterThan("id", 2L, false).build().matchesNothing()).isTrue();
        assertThat(builder().eventTimeAfter(Long.MAX_VALUE).build().matchesNothing()).isTrue();
        ScanFilter contradiction = builder().keyEquals("id", 1L).keyEquals("id", 2L).keyEquals("region", "a").build();
        assertThat(contradiction.isEmpty()).isFalse();
        assertThat(contradiction.toString()).isEqualTo("false");
        // A range that is merely narrow is not a contradiction.
        assertThat(builder().keyGreaterThan("id", 5L, true).keyLessThan("id", 5L, true).build().matchesNothing()).isFalse();
    }

    @Test
    void comparingWithNullIsNeverTrue() {
        assertThat(builder().keyEquals("id", null).build().matchesNothing()).isTrue();
        assertThat(builder().keyGreaterThan("id", null, true).build().matchesNothing()).isTrue();
        assertThat(builder().keyIn("id", Arrays.asList(null, 4L)).build().keyConstraint(index("id")).allowedValues())
                .contains(List.of(4L));
        assertThat(builder().keyIn("id", Arrays.asList((Object) null)).build().matchesNothing()).isTrue();
    }

    @Test
    void eventTimeKeepsTheHighestLowerBoundAndGreaterThanAddsOneMicrosecond() {
        assertThat(builder().eventTimeAtLeast(10).eventTimeAtLeast(5).build().eventTimeLowerBound()).hasValue(10);
        ScanFilter after = builder().eventTimeAfter(10).eventTimeAtLeast(7).build();
        assertThat(after.eventTimeLowerBound()).hasValue(11);
        assertThat(after.isEmpty()).isFalse();
        assertThat(builder().eventTimeAtLeast(1_547_683_200_000_000L).build().toString())
                .isEqualTo("event_time >= TIMESTAMP '2019-01-17T00:00:00Z'");
    }

    @Test
    void decimalsCompareByValueAndEqualitiesThatNoStoredValueCanMeetAreDropped() {
        ScanFilter filter = builder().keyIn("amount", List.of(new BigDecimal("1.5"), new BigDecimal("1.50"), new BigDecimal("1.505"),
                new BigDecimal("123456789.00"), new BigDecimal("-0.1"))).build();
        assertThat(constraint(filter, "amount").allowedValues()).contains(List.of(new BigDecimal("-0.10"), new BigDecimal("1.50")));
        assertThat(builder().keyEquals("amount", new BigDecimal("0.001")).build().matchesNothing()).isTrue();
        ScanFilter range = builder().keyGreaterThan("amount", new BigDecimal("1.5"), true).keyLessThan("amount", new BigDecimal("1.500"), true)
                .build();
        assertThat(constraint(range, "amount").allowedValues()).contains(List.of(new BigDecimal("1.50")));
        assertThat(builder().keyGreaterThan("amount", new BigDecimal("1.505"), true).keyLessThan("amount", new BigDecimal("1.505"), true)
                .build().matchesNothing()).isTrue();
    }

    @Test
    void binaryValuesAreCopiedAndComparedByContent() {
        byte[] value = {1, (byte) 0x80};
        ScanFilter filter = builder().keyIn("raw", List.of(value, new byte[] {1, (byte) 0x80}, new byte[] {1, 0x7F})).build();
        value[0] = 9;
        List<Object> values = constraint(filter, "raw").allowedValues().orElseThrow();
        assertThat(values).hasSize(2);
        assertThat((byte[]) values.get(0)).containsExactly(1, 0x7F);
        assertThat((byte[]) values.get(1)).containsExactly(1, (byte) 0x80);
        assertThat(filter.toString()).isEqualTo("raw IN (X'017F', X'0180')");
        assertThat(filter).isEqualTo(builder().keyIn("raw", List.of(new byte[] {1, 0x7F}, new byte[] {1, (byte) 0x80})).build());
    }

    @Test
    void toStringDescribesEveryConjunctReadably() {
        ScanFilter filter = builder()
                .keyIn("region", List.of("it's", "eu"))
                .keyGreaterThan("id", 10L, true)
                .keyLessThan("day", 0, false)
                .keyEquals("flag", true)
                .eventTimeAfter(-1)
                .build();
        assertThat(filter.toString()).isEqualTo(
                "region IN ('eu', 'it\\'s') AND id >= 10 AND day < DATE '1970-01-01' AND flag = true"
                        + " AND event_time >= TIMESTAMP '1970-01-01T00:00:00Z'");
    }

    @Test
    void longValueListsAreAbbreviatedInTheDescription() {
        List<Long> ids = LongStream.range(0, 25).boxed().toList();
        assertThat(builder().keyIn("id", ids).build().toString())
                .startsWith("id IN (0, 1, 2,").endsWith(", 19, ... 5 more)");
    }

    @Test
    void unknownColumnsAreRefusedNamingTheColumnAndTheKeyColumns() {
        assertThatThrownBy(() -> builder().keyEquals("v", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'v' is not a key column of this table (key columns: [region, id, day, amount, raw, flag]); "
                        + "only predicates on key columns and lower bounds on the event time can act before the merge");
        assertThatThrownBy(() -> builder().keyGreaterThan("event_time", 5L, true))
                .hasMessage("Column 'event_time' is not a key column of this table (key columns: [region, id, day, amount, raw, flag]); "
                        + "it is the event-time column: use eventTimeAtLeast/eventTimeAfter");
        assertThatThrownBy(() -> builder().keyIn("Region", List.of("a")))
                .hasMessageStartingWith("Column 'Region' is not a key column");
    }

    @Test
    void valuesOfTheWrongClassAreRefusedNamingColumnTypeAndValue() {
        assertThatThrownBy(() -> builder().keyEquals("id", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Key column 'id' has type long, whose values are Long, but the filter compares it with 5 (java.lang.Integer)");
        assertThatThrownBy(() -> builder().keyLessThan("day", java.time.LocalDate.of(2019, 1, 1), true))
                .hasMessage("Key column 'day' has type date, whose values are Integer, but the filter compares it with 2019-01-01"
                        + " (java.time.LocalDate)");
        assertThatThrownBy(() -> builder().keyIn("amount", List.of(1.5)))
                .hasMessageStartingWith("Key column 'amount' has type decimal(10,2), whose values are BigDecimal");
    }

    @Test
    void floatingPointKeyColumnsAreNeverConstrained() {
        // A definition TableDefinition.create refuses (keys may not be floating point), to check the filter still copes.
        TableDefinition doubles = new TableDefinition(TableDefinition.FORMAT_VERSION, List.of("d"), "t", StructType.of(
                new StructField("d", PrimitiveType.DOUBLE, false), new StructField("t", PrimitiveType.TIMESTAMP, false)),
                SegmentGranularity.DAY, 4, AutoCompaction.defaults());
        ScanFilter filter = ScanFilter.builder(doubles).keyEquals("d", 0.0).keyGreaterThan("d", 1.0, true).build();
        assertThat(filter.isEmpty()).isTrue();
        assertThatThrownBy(() -> ScanFilter.builder(doubles).keyEquals("d", 1)).hasMessageContaining("whose values are Double");
    }

    @Test
    void legacyTablesFilterOnTheirStringKey() {
        TableDefinition legacy = TableDefinition.legacy(new TableSchema(List.of()));
        ScanFilter filter = ScanFilter.builder(legacy).keyEquals("key", "k1").eventTimeAtLeast(5).build();
        assertThat(filter.toString()).isEqualTo("key = 'k1' AND event_time >= TIMESTAMP '1970-01-01T00:00:00.000005Z'");
    }

    @Test
    void filtersAreImmutableAfterBuildAndSurviveJavaSerialization() throws IOException, ClassNotFoundException {
        ScanFilter.Builder builder = builder().keyIn("region", List.of("a", "b")).keyGreaterThan("id", 4L, false)
                .keyEquals("raw", new byte[] {1, 2}).eventTimeAtLeast(99);
        ScanFilter filter = builder.build();
        builder.keyEquals("region", "b");
        assertThat(constraint(filter, "region").allowedValues()).contains(List.of("a", "b"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(filter);
        }
        ScanFilter copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ScanFilter) in.readObject();
        }
        assertThat(copy).isEqualTo(filter).hasSameHashCodeAs(filter);
        assertThat(copy.toString()).isEqualTo(filter.toString());
        assertThat(copy.keyOrder(index("region")).compare("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat(constraint(copy, "flag").isUnconstrained()).isTrue();
    }
}
