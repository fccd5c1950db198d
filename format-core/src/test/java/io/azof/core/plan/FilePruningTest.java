package io.azof.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.RecordLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * File and bucket pruning against brute force: a file is skipped only when none of its records satisfies
 * the filter, evaluated directly on the key values with an order written here independently of
 * {@code KeyOrdering} (strings as UTF-8 bytes); and the examples show that files are in fact skipped.
 */
class FilePruningTest {
    /** Strings whose UTF-16 order differs from their UTF-8 order (U+FFFD vs U+1F600), plus prefixes. */
    private static final List<String> STRINGS = List.of("", "a", "ab", "b", "é", "\uFFFD", "\uD83D\uDE00");
    /** Filter values: the stored strings and some that no key holds. */
    private static final List<String> FILTER_STRINGS = List.of("", "a", "aa", "ab", "b", "c", "é", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE01");

    private static final TableDefinition COMPOSITE = table(16,
            new StructField("s", PrimitiveType.STRING, false), new StructField("n", PrimitiveType.INTEGER, false));
    private static final TableDefinition SINGLE_LONG = table(16, new StructField("id", PrimitiveType.LONG, false));

    private static TableDefinition table(int buckets, StructField... keys) {
        List<StructField> fields = new ArrayList<>(Arrays.asList(keys));
        fields.add(new StructField("event_time", PrimitiveType.TIMESTAMP, false));
        fields.add(new StructField("v", PrimitiveType.STRING, true));
        return TableDefinition.create(Arrays.stream(keys).map(StructField::name).toList(), "event_time", new StructType(fields),
                SegmentGranularity.MONTH, buckets);
    }

    // ---- the brute-force side ----------------------------------------------------------------------------------

    /** A record of a file: its key values and event time. */
    record Rec(List<Object> key, long eventTime) {
    }

    enum Kind { EQ, IN, GT, GE, LT, LE }

    /** One predicate of a conjunction, on the key column at {@code column}. */
    record Op(int column, Kind kind, List<Object> values) {
        boolean holds(Object value) {
            int c = independentCompare(value, values.get(0));
            return switch (kind) {
                case EQ -> c == 0;
                case IN -> values.stream().anyMatch(v -> independentCompare(value, v) == 0);
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
            };
        }

        void addTo(ScanFilter.Builder builder, TableDefinition table) {
            String name = table.keyColumns().get(column);
            switch (kind) {
                case EQ -> builder.keyEquals(name, values.get(0));
                case IN -> builder.keyIn(name, values);
                case GT -> builder.keyGreaterThan(name, values.get(0), false);
                case GE -> builder.keyGreaterThan(name, values.get(0), true);
                case LT -> builder.keyLessThan(name, values.get(0), false);
                case LE -> builder.keyLessThan(name, values.get(0), true);
            }
        }
    }

    private static int independentCompare(Object left, Object right) {
        if (left instanceof String l) {
            return Arrays.compareUnsigned(l.getBytes(StandardCharsets.UTF_8), ((String) right).getBytes(StandardCharsets.UTF_8));
        }
        return Long.compare(((Number) left).longValue(), ((Number) right).longValue());
    }

    private static final Comparator<List<Object>> INDEPENDENT_KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = independentCompare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private static boolean satisfies(List<Object> key, List<Op> ops) {
        return ops.stream().allMatch(op -> op.holds(key.get(op.column())));
    }

    private static ScanFilter filter(TableDefinition table, List<Op> ops, Long eventTimeAtLeast) {
        ScanFilter.Builder builder = ScanFilter.builder(table);
        ops.forEach(op -> op.addTo(builder, table));
        if (eventTimeAtLeast != null) {
            builder.eventTimeAtLeast(eventTimeAtLeast);
        }
        return builder.build();
    }

    /** The statistics a writer records for a file holding {@code records}. */
    private static FileStats stats(List<Rec> records, int bucket) {
        List<List<Object>> keys = records.stream().map(Rec::key).sorted(INDEPENDENT_KEY_ORDER).toList();
        long minTime = records.stream().mapToLong(Rec::eventTime).min().orElseThrow();
        long maxTime = records.stream().mapToLong(Rec::eventTime).max().orElseThrow();
        return new FileStats(bucket, records.size(), 1000, keys.get(0).toArray(), keys.get(keys.size() - 1).toArray(),
                minTime, maxTime, 0, 1);
    }

    // ---- generators ----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Rec>> compositeFiles() {
        return Combinators.combine(Arbitraries.of(STRINGS), Arbitraries.integers().between(-3, 3), Arbitraries.longs().between(0, 20))
                .as((s, n, t) -> new Rec(List.of(s, n), t))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Op>> compositeOps() {
        Arbitrary<Op> onString = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.of(FILTER_STRINGS).list().ofMinSize(1).ofMaxSize(4))
                .as((kind, values) -> new Op(0, kind, List.copyOf(values)));
        Arbitrary<Op> onInt = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(-5, 5).list().ofMinSize(1).ofMaxSize(4))
                .as((kind, values) -> new Op(1, kind, List.copyOf(values)));
        return Arbitraries.oneOf(onString, onInt).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Rec>> longFiles() {
        return Combinators.combine(Arbitraries.longs().between(-20, 20), Arbitraries.longs().between(0, 20))
                .as((id, t) -> new Rec(List.of(id), t))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Op>> longOps() {
        return Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.longs().between(-25, 25).list().ofMinSize(1).ofMaxSize(5))
                .as((kind, values) -> new Op(0, kind, List.<Object>copyOf(values)))
                .list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Op>> inclusiveLongOps() {
        return Combinators.combine(Arbitraries.of(Kind.EQ, Kind.IN, Kind.GE, Kind.LE),
                        Arbitraries.longs().between(-25, 25).list().ofMinSize(1).ofMaxSize(5))
                .as((kind, values) -> new Op(0, kind, List.<Object>copyOf(values)))
                .list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Long> eventTimeBounds() {
        return Arbitraries.longs().between(-1, 22).injectNull(0.4);
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    @Property(tries = 3000)
    void aFileHoldingAMatchingRecordIsNeverSkippedCompositeKeys(@ForAll("compositeFiles") List<Rec> file,
                                                                @ForAll("compositeOps") List<Op> ops,
                                                                @ForAll("eventTimeBounds") Long eventTimeAtLeast) {
        checkNeverSkipsAMatchingFile(COMPOSITE, file, ops, eventTimeAtLeast);
    }

    @Property(tries = 3000)
    void aFileHoldingAMatchingRecordIsNeverSkippedLongKeys(@ForAll("longFiles") List<Rec> file, @ForAll("longOps") List<Op> ops,
                                                           @ForAll("eventTimeBounds") Long eventTimeAtLeast) {
        checkNeverSkipsAMatchingFile(SINGLE_LONG, file, ops, eventTimeAtLeast);
    }

    private static void checkNeverSkipsAMatchingFile(TableDefinition table, List<Rec> file, List<Op> ops, Long eventTimeAtLeast) {
        ScanFilter filter = filter(table, ops, eventTimeAtLeast);
        boolean someRecordMatches = file.stream()
                .anyMatch(r -> satisfies(r.key(), ops) && (eventTimeAtLeast == null || r.eventTime() >= eventTimeAtLeast));
        if (someRecordMatches) {
            assertThat(FilePruning.mayMatch(filter, stats(file, 0)))
                    .as("file %s, filter %s (%s)", file, filter, ops)
                    .isTrue();
            assertThat(filter.matchesNothing()).isFalse();
        }
    }

    /**
     * For one long key, equalities and inclusive bounds, pruning is exact: a file is read exactly when some
     * integer between its min and max key satisfies the filter, so pruning is not a no-op either.
     */
    @Property(tries = 2000)
    void withInclusiveBoundsOnOneIntegralKeyPruningIsExact(@ForAll("longFiles") List<Rec> file, @ForAll("inclusiveLongOps") List<Op> ops) {
        FileStats stats = stats(file, 0);
        long min = (Long) stats.minKey()[0];
        long max = (Long) stats.maxKey()[0];
        boolean someKeyBetweenMatches = LongStream.rangeClosed(min, max).anyMatch(id -> satisfies(List.of(id), ops));
        assertThat(FilePruning.mayMatch(filter(SINGLE_LONG, ops, null), stats)).as("file %d..%d, %s", min, max, ops)
                .isEqualTo(someKeyBetweenMatches);
    }

    /** A contradiction is claimed only when no key at all satisfies the filter. */
    @Property(tries = 2000)
    void matchesNothingOnlyWhenNoKeySatisfiesTheFilter(@ForAll("compositeOps") List<Op> ops) {
        boolean satisfiable = FILTER_STRINGS.stream()
                .anyMatch(s -> IntStream.rangeClosed(-6, 6).anyMatch(n -> satisfies(List.of(s, n), ops)));
        if (satisfiable) {
            assertThat(filter(COMPOSITE, ops, null).matchesNothing()).as("%s", ops).isFalse();
        }
    }

    @Property(tries = 1000)
    void everyMatchingKeyHashesIntoAReturnedBucket(@ForAll("compositeFiles") List<Rec> keys,
                                                   @ForAll("stringSets") List<String> strings,
                                                   @ForAll("intSets") List<Integer> ints,
                                                   @ForAll @IntRange(min = 1, max = 64) int buckets) {
        TableDefinition table = table(buckets, COMPOSITE.keySchema().fields().toArray(StructField[]::new));
        List<Op> ops = List.of(new Op(0, Kind.IN, List.copyOf(strings)), new Op(1, Kind.IN, List.copyOf(ints)));
        Set<Integer> returned = FilePruning.buckets(filter(table, ops, null), table).orElseThrow();
        RecordLayout writer = new RecordLayout(table);
        for (Rec rec : keys) {
            if (satisfies(rec.key(), ops)) {
                Object[] record = {rec.key().get(0), rec.key().get(1), rec.eventTime(), "payload", false};
                assertThat(returned).contains(writer.bucketOf(record));
            }
        }
        assertThat(returned.size()).isLessThanOrEqualTo(new HashSet<>(strings).size() * new HashSet<>(ints).size());
    }

    @Provide
    Arbitrary<List<String>> stringSets() {
        return Arbitraries.of(FILTER_STRINGS).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> intSets() {
        return Arbitraries.integers().between(-4, 4).list().ofMinSize(1).ofMaxSize(4);
    }

    // ---- examples: pruning happens -------------------------------------------------------------------------------

    private static FileStats longFile(long minId, long maxId, long minTime, long maxTime) {
        return new FileStats(0, 10, 1000, new Object[] {minId}, new Object[] {maxId}, minTime, maxTime, 0, 1);
    }

    private static FileStats compositeFile(String minS, int minN, String maxS, int maxN) {
        return new FileStats(0, 10, 1000, new Object[] {minS, minN}, new Object[] {maxS, maxN}, 0, 100, 0, 1);
    }

    private static ScanFilter.Builder on(TableDefinition table) {
        return ScanFilter.builder(table);
    }

    @Test
    void aFileEntirelyOutsideAKeyRangeOrValueSetIsSkipped() {
        FileStats file = longFile(100, 200, 0, 100);
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyLessThan("id", 50L, true).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyLessThan("id", 100L, false).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyLessThan("id", 100L, true).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyGreaterThan("id", 200L, false).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyGreaterThan("id", 150L, true).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyIn("id", List.of(5L, 300L)).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyIn("id", List.of(5L, 150L)).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyEquals("id", 150L).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(ScanFilter.none(), file)).isTrue();
    }

    @Test
    void aFileWhoseRecordsAreAllOlderThanTheEventTimeLowerBoundIsSkipped() {
        FileStats file = longFile(100, 200, 0, 1000);
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).eventTimeAtLeast(1001).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).eventTimeAtLeast(1000).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).eventTimeAfter(999).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).eventTimeAfter(1000).build(), file)).isFalse();
    }

    @Test
    void laterKeyColumnsPruneWhereTheMinAndMaxKeyShareAPrefix() {
        FileStats oneRegion = compositeFile("a", 1, "a", 9);
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyGreaterThan("n", 20, false).build(), oneRegion)).isFalse();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("n", 0).build(), oneRegion)).isFalse();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("n", 5).build(), oneRegion)).isTrue();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("s", "a").keyIn("n", List.of(0, 10)).build(), oneRegion)).isFalse();
    }

    @Test
    void aColumnFixedToTheMinsOrMaxsValueBoundsTheNextColumn() {
        FileStats file = compositeFile("a", 5, "c", 2); // keys from ('a', 5) to ('c', 2)
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("s", "a").keyLessThan("n", 5, false).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("s", "a").keyLessThan("n", 5, true).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("s", "c").keyGreaterThan("n", 2, false).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("s", "b").keyEquals("n", 100).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyIn("s", List.of("a", "c")).keyEquals("n", 3).build(), file)).isFalse();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyIn("s", List.of("a", "c")).keyEquals("n", 1).build(), file)).isTrue();
        // Without a constraint on the first column, the second cannot prune: ('b', 100) may be in the file.
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyEquals("n", 100).build(), file)).isTrue();
    }

    @Test
    void stringsCompareAsUtf8NotAsUtf16() {
        // In UTF-16 order the emoji (a surrogate pair) sorts before U+FFFD; in the key order it sorts after.
        FileStats file = compositeFile("\uFFFD", 0, "\uD83D\uDE00", 0);
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyGreaterThan("s", "\uFFFD", false).build(), file)).isTrue();
        assertThat(FilePruning.mayMatch(on(COMPOSITE).keyLessThan("s", "\uFFFD", false).build(), file)).isFalse();
    }

    @Test
    void aFilterThatMatchesNothingSkipsEveryFileEvenWithoutStatistics() {
        ScanFilter nothing = on(SINGLE_LONG).keyEquals("id", 1L).keyEquals("id", 2L).build();
        assertThat(FilePruning.mayMatch(nothing, longFile(0, 10, 0, 10))).isFalse();
        assertThat(FilePruning.mayMatch(nothing, null)).isFalse();
        assertThat(FilePruning.mayMatch(on(SINGLE_LONG).keyEquals("id", 1L).build(), null)).isTrue();
        assertThat(FilePruning.buckets(nothing, SINGLE_LONG)).contains(Set.of());
    }

    @Test
    void statisticsOfAnotherKeyShapeAreRefused() {
        FileStats twoColumns = compositeFile("a", 1, "b", 2);
        assertThatThrownBy(() -> FilePruning.mayMatch(on(SINGLE_LONG).keyEquals("id", 1L).build(), twoColumns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file statistics hold keys of 2 and 2 values, but the filter is on 1 key columns [id]");
    }

    // ---- examples: buckets ---------------------------------------------------------------------------------------

    @Test
    void equalitiesOnEveryKeyColumnSelectAFewOfManyBuckets() {
        TableDefinition table = table(64, COMPOSITE.keySchema().fields().toArray(StructField[]::new));
        ScanFilter filter = on(table).keyIn("s", List.of("eu", "us")).keyEquals("n", 7).build();
        Set<Integer> buckets = FilePruning.buckets(filter, table).orElseThrow();
        RecordLayout writer = new RecordLayout(table);
        assertThat(buckets).hasSizeBetween(1, 2).containsExactlyInAnyOrder(
                List.of("eu", "us").stream().map(s -> writer.bucketOf(new Object[] {s, 7, 0L, null, false})).distinct()
                        .toArray(Integer[]::new));
        assertThat(buckets.size()).isLessThan(table.buckets());
    }

    @Test
    void bucketsArePrunedOnlyWhenEveryKeyColumnHasFewEnoughValues() {
        TableDefinition table = table(64, COMPOSITE.keySchema().fields().toArray(StructField[]::new));
        assertThat(FilePruning.buckets(on(table).keyEquals("s", "eu").build(), table)).isEmpty();
        assertThat(FilePruning.buckets(on(table).keyEquals("s", "eu").keyGreaterThan("n", 3, true).build(), table)).isEmpty();
        assertThat(FilePruning.buckets(ScanFilter.none(), table)).isEmpty();
        List<Long> tenThousand = LongStream.range(0, FilePruning.MAX_BUCKET_COMBINATIONS).boxed().toList();
        assertThat(FilePruning.buckets(on(SINGLE_LONG).keyIn("id", tenThousand).build(), SINGLE_LONG)).isPresent();
        List<Long> oneMore = LongStream.rangeClosed(0, FilePruning.MAX_BUCKET_COMBINATIONS).boxed().toList();
        assertThat(FilePruning.buckets(on(SINGLE_LONG).keyIn("id", oneMore).build(), SINGLE_LONG)).isEmpty();
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "s" + i).toList();
        List<Integer> hundredAndOne = IntStream.rangeClosed(0, 100).boxed().toList();
        assertThat(FilePruning.buckets(on(table).keyIn("s", hundred).keyIn("n", hundredAndOne).build(), table)).isEmpty();
    }

    @Test
    void legacyTablesHaveNoBuckets() {
        TableDefinition legacy = TableDefinition.legacy(new TableSchema(List.of()));
        assertThat(FilePruning.buckets(ScanFilter.builder(legacy).keyEquals("key", "k").build(), legacy)).isEmpty();
    }

    @Test
    void aFilterForOtherKeyColumnsIsRefused() {
        assertThatThrownBy(() -> FilePruning.buckets(on(SINGLE_LONG).keyEquals("id", 1L).build(), COMPOSITE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the filter is on key columns struct<id: long not null>, but the table's are "
                        + "struct<s: string not null, n: integer not null>");
    }

    @Test
    void theFileFilterCombinesBucketsAndStatistics() {
        TableDefinition table = table(64, COMPOSITE.keySchema().fields().toArray(StructField[]::new));
        ScanFilter filter = on(table).keyEquals("s", "eu").keyEquals("n", 7).build();
        int bucket = FilePruning.buckets(filter, table).orElseThrow().iterator().next();
        Predicate<FileStats> read = FilePruning.fileFilter(filter, table);
        FileStats inBucket = new FileStats(bucket, 10, 1000, new Object[] {"a", 0}, new Object[] {"z", 0}, 0, 100, 0, 1);
        assertThat(read.test(inBucket)).isTrue();
        assertThat(read.test(new FileStats((bucket + 1) % 64, 10, 1000, new Object[] {"a", 0}, new Object[] {"z", 0}, 0, 100, 0, 1)))
                .isFalse();
        assertThat(read.test(new FileStats(bucket, 10, 1000, new Object[] {"f", 0}, new Object[] {"z", 0}, 0, 100, 0, 1))).isFalse();
        assertThat(read.test(null)).isTrue();
        List<FileStats> files = List.of(inBucket);
        assertThat(files.stream().filter(read).collect(Collectors.toList())).containsExactly(inBucket);
    }

    @Test
    void bucketsAreReportedSortedAndUnmodifiable() {
        Optional<Set<Integer>> buckets = FilePruning.buckets(on(SINGLE_LONG).keyIn("id", List.of(1L, 2L, 3L, 4L, 5L)).build(), SINGLE_LONG);
        assertThat(new ArrayList<>(buckets.orElseThrow())).isSorted();
        assertThatThrownBy(() -> buckets.orElseThrow().add(99)).isInstanceOf(UnsupportedOperationException.class);
    }
}
