package io.azof.spark.write;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.write.WriteTestSupport.append;
import static io.azof.spark.write.WriteTestSupport.frame;
import static io.azof.spark.write.WriteTestSupport.latest;
import static io.azof.spark.write.WriteTestSupport.read;
import static io.azof.spark.write.WriteTestSupport.reader;
import static io.azof.spark.write.WriteTestSupport.row;
import static io.azof.spark.write.WriteTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.spark.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys of every kind azof accepts, and payload values of every Spark type, carried through a write and a read. */
class KeyAndValueTypesTest {
    @TempDir
    Path table;

    @Test
    void compositeKeyOfStringAndIntegerKeepsOneRowPerPair() {
        StructType readings = new StructType()
                .add("region", DataTypes.StringType)
                .add("sensor", DataTypes.IntegerType)
                .add("event_time", DataTypes.TimestampType)
                .add("humidity", DataTypes.DoubleType);
        append(frame(readings,
                values("eu", 1, instant("2024-01-01T00:00:00Z"), 0.5),
                values("eu", 2, instant("2024-01-01T00:00:00Z"), 0.6),
                values("us", 1, instant("2024-01-01T00:00:00Z"), 0.7),
                values("eu", 1, instant("2024-01-02T00:00:00Z"), 0.55)), table, "keyColumns", "region, sensor");

        assertThat(latest(table).table().keyColumns()).containsExactly("region", "sensor");
        assertThat(read(table)).containsExactlyInAnyOrder(
                row("eu", 1, instant("2024-01-02T00:00:00Z"), 0.55),
                row("eu", 2, instant("2024-01-01T00:00:00Z"), 0.6),
                row("us", 1, instant("2024-01-01T00:00:00Z"), 0.7));
        assertThat(read(table, "asOf", "2024-01-01")).containsExactlyInAnyOrder(
                row("eu", 1, instant("2024-01-01T00:00:00Z"), 0.5),
                row("eu", 2, instant("2024-01-01T00:00:00Z"), 0.6),
                row("us", 1, instant("2024-01-01T00:00:00Z"), 0.7));
    }

    static Stream<Arguments> singleColumnKeys() {
        return Stream.of(
                Arguments.of(DataTypes.LongType, Long.MIN_VALUE, -1L),
                Arguments.of(DataTypes.DateType, LocalDate.parse("1969-12-31"), LocalDate.parse("2024-02-29")),
                Arguments.of(DataTypes.createDecimalType(10, 2), new BigDecimal("-3.25"), new BigDecimal("1.50")),
                Arguments.of(DataTypes.TimestampType, instant("1900-01-01T00:00:00.000001Z"), instant("2024-01-01T12:00:00Z")));
    }

    /** Key k1 has two rows, k2 one: current shows k1's later row, as of the first time its earlier one. */
    @ParameterizedTest
    @MethodSource("singleColumnKeys")
    void singleColumnKeyOfAnotherType(DataType keyType, Object k1, Object k2) {
        StructType schema = new StructType()
                .add("id", keyType)
                .add("event_time", DataTypes.TimestampType)
                .add("value", DataTypes.StringType);
        append(frame(schema,
                values(k1, instant("2024-01-01T00:00:00Z"), "k1 first"),
                values(k2, instant("2024-01-01T00:00:00Z"), "k2 only"),
                values(k1, instant("2024-01-02T00:00:00Z"), "k1 second")), table, "keyColumns", "id");

        assertThat(read(table)).containsExactlyInAnyOrder(
                row(k1, instant("2024-01-02T00:00:00Z"), "k1 second"),
                row(k2, instant("2024-01-01T00:00:00Z"), "k2 only"));
        assertThat(read(table, "asOf", "2024-01-01T00:00:00Z")).containsExactlyInAnyOrder(
                row(k1, instant("2024-01-01T00:00:00Z"), "k1 first"),
                row(k2, instant("2024-01-01T00:00:00Z"), "k2 only"));
    }

    /**
     * Every Spark type azof stores, at its edges (NaN, extreme integers, pre-1970 times, non-ASCII text,
     * empty and null nested values), reads back equal to what was written.
     */
    @Test
    void payloadOfEveryTypeIsCarriedThroughExactly() {
        String columns = "key, event_time, flag, tiny, small, whole, big, real, wide, exact, text, bytes, day, moment,"
                + " nested, list, structs, lookup, lists_by_id";
        Dataset<Row> input = SharedSpark.session().sql("SELECT " + columns + " FROM VALUES"
                + " ('a', TIMESTAMP'2024-01-01 00:00:00', true, CAST(127 AS TINYINT), CAST(-32768 AS SMALLINT), 2147483647,"
                + "  CAST('-9223372036854775808' AS BIGINT), CAST('NaN' AS FLOAT), -1.5E300D, CAST('12345678901234.56789' AS DECIMAL(19,5)),"
                + "  'grüße \uD83D\uDE00', X'00FF10', DATE'1969-12-31', TIMESTAMP'1900-01-01 00:00:00.123456',"
                + "  named_struct('x', 1, 'y', 'one', 'inner', named_struct('z', 0.5D)), array('p', NULL, 'q'),"
                + "  array(named_struct('n', 1), NULL), map('one', 1, 'none', NULL), map(1, array('a'), 2, NULL)),"
                + " ('b', TIMESTAMP'2024-01-02 00:00:00', false, CAST(-128 AS TINYINT), CAST(0 AS SMALLINT), 0, 0L,"
                + "  CAST('-Infinity' AS FLOAT), 4.9E-324D, CAST('-0.00001' AS DECIMAL(19,5)), '', X'', DATE'2024-02-29',"
                + "  TIMESTAMP'2024-01-02 03:04:05', named_struct('x', NULL, 'y', NULL, 'inner', NULL), array(),"
                + "  array(), map(), map()),"
                + " ('c', TIMESTAMP'2024-01-03 00:00:00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + "  NULL, NULL, NULL, NULL, NULL, NULL)"
                + " AS t(" + columns + ")");
        append(input, table);

        Dataset<Row> written = reader().load(table.toString());
        assertThat(written.schema().fields()).extracting(f -> f.name() + " " + f.dataType().simpleString())
                .containsExactlyElementsOf(Stream.of(input.schema().fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList());
        Comparator<Row> byKey = Comparator.comparing(r -> r.getString(0));
        List<Row> expected = input.collectAsList().stream().sorted(byKey).toList();
        List<Row> actual = written.collectAsList().stream().sorted(byKey).toList();
        assertThat(actual).hasSize(3);
        for (int i = 0; i < expected.size(); i++) {
            // Row.equals compares binaries by content and NaN equal to NaN.
            assertThat(actual.get(i)).as("row " + expected.get(i).getString(0)).isEqualTo(expected.get(i));
        }
        Row a = actual.get(0);
        assertThat((byte[]) a.getAs("bytes")).containsExactly(0x00, 0xFF, 0x10);
        assertThat((BigDecimal) a.getAs("exact")).isEqualTo(new BigDecimal("12345678901234.56789"));
        assertThat(a.<LocalDate>getAs("day")).isEqualTo(LocalDate.parse("1969-12-31"));
        assertThat(a.<Object>getAs("moment")).isEqualTo(instant("1900-01-01T00:00:00.123456Z"));
        assertThat(Float.isNaN(a.<Float>getAs("real"))).isTrue();
        assertThat(a.getStruct(a.fieldIndex("nested")).getStruct(2).getDouble(0)).isEqualTo(0.5);
        assertThat(a.getList(a.fieldIndex("list"))).containsExactly("p", null, "q");
        assertThat(a.getJavaMap(a.fieldIndex("lookup"))).containsEntry("one", 1).containsEntry("none", null).hasSize(2);
    }
}
