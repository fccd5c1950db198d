package io.azof.spark.write;

import static io.azof.core.testing.TestTables.localTable;
import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.write.WriteTestSupport.append;
import static io.azof.spark.write.WriteTestSupport.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.maintenance.ValidationReport;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.write.WriteOptions;
import io.azof.spark.common.SparkSchemas;
import io.azof.spark.common.SparkValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark write (rows shuffled and sorted by Spark, written straight from its binary rows) leaves exactly the files
 * format-core's own writer leaves for the same rows: per (segment, bucket) the same statistics and the same bytes, and
 * a table that the deep validation (every record read: order, buckets, statistics) accepts. The rows cover every type a
 * column may have, two key columns (a string with characters beyond U+FFFF, whose UTF-8 order differs from Java's
 * UTF-16 order, and an integer), deletes, nulls, several segments, and more buckets than write tasks.
 */
class SameFilesAsCoreTest {
    private static final StructType SCHEMA = new StructType()
            .add("region", DataTypes.StringType)
            .add("sensor", DataTypes.IntegerType)
            .add("event_time", DataTypes.TimestampType)
            .add("flag", DataTypes.BooleanType)
            .add("tiny", DataTypes.ByteType)
            .add("small", DataTypes.ShortType)
            .add("count", DataTypes.LongType)
            .add("ratio", DataTypes.FloatType)
            .add("reading", DataTypes.DoubleType)
            .add("price", DataTypes.createDecimalType(10, 2))
            .add("huge", DataTypes.createDecimalType(30, 5))
            .add("day", DataTypes.DateType)
            .add("seen", DataTypes.TimestampType)
            .add("note", DataTypes.StringType)
            .add("blob", DataTypes.BinaryType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType))
            .add("point", new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType))
            .add("gone", DataTypes.BooleanType);
    // Compaction after writes is off: each version's files are compared with the core's, not what compaction makes of them.
    private static final Map<String, String> OPTIONS = Map.of("keyColumns", "region, sensor", "buckets", "5", "deleteColumn", "gone",
            "autoCompact", "false");
    private static final String[] REGIONS = {"eu", "us", "ap", "été", "\uD83D\uDE00smile", "\uE000private", "z"};

    @TempDir
    Path spark;
    @TempDir
    Path core;

    @Test
    void sparkWritesTheFilesTheCoreWritesForTheSameRows() throws IOException {
        Random random = new Random(7);
        for (int version = 1; version <= 2; version++) {
            List<Object[]> rows = rows(random, version);
            Dataset<Row> data = frame(SCHEMA, rows.toArray(Object[][]::new));
            append(data, spark, options());
            localTable(core).newAppend().options(WriteOptions.fromOptions(WriteOptions.Mode.APPEND, OPTIONS))
                    .rows(SparkSchemas.toAzof(SCHEMA.asNullable()), azofValues(data)).commit();

            Snapshot written = localTable(spark).latestSnapshot();
            assertThat(written.version()).isEqualTo(version);
            Map<String, DeltaFile> bySpark = filesOf(written, version);
            Map<String, DeltaFile> byCore = filesOf(localTable(core).latestSnapshot(), version);
            assertThat(bySpark.keySet()).as("(segment, bucket) of version " + version).isEqualTo(byCore.keySet());
            assertThat(bySpark.size()).as("files of version " + version).isGreaterThan(5);
            for (String place : bySpark.keySet()) {
                DeltaFile ours = bySpark.get(place);
                DeltaFile theirs = byCore.get(place);
                assertThat(ours.stats()).as("statistics of " + place).isEqualTo(theirs.stats());
                assertThat(Files.readAllBytes(spark.resolve(ours.file()))).as("bytes of " + place)
                        .isEqualTo(Files.readAllBytes(core.resolve(theirs.file())));
            }
        }
        ValidationReport report = localTable(spark).validate(true);
        assertThat(report.problems()).as(report.toString()).isEmpty();
        assertThat(report.filesChecked()).isPositive();
    }

    /**
     * Spark lets a string hold bytes that are not UTF-8 (a binary cast to string); the core stores such a string as Java
     * decodes it, so a Spark write does too, in its order, bucket and bytes.
     */
    @Test
    void stringsThatAreNotUtf8AreStoredAsTheCoreStoresThem() throws IOException {
        byte[][] malformed = {{(byte) 0xFF, 0x61}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0x61, (byte) 0xE2, (byte) 0x82},
            {0x61}, {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, 0x61}};
        StructType bytes = new StructType().add("raw", DataTypes.BinaryType).add("sensor", DataTypes.IntegerType)
                .add("event_time", DataTypes.TimestampType).add("note", DataTypes.BinaryType);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < malformed.length; i++) {
            rows.add(new Object[] {malformed[i], i, instant("2024-01-01T00:00:00Z").plusSeconds(i), malformed[malformed.length - 1 - i]});
        }
        Dataset<Row> data = frame(bytes, rows.toArray(Object[][]::new)).selectExpr("cast(raw as string) as region", "sensor",
                "event_time", "cast(note as string) as note");
        Map<String, String> options = Map.of("keyColumns", "region, sensor", "buckets", "3");
        append(data, spark, "keyColumns", "region, sensor", "buckets", "3");
        localTable(core).newAppend().options(WriteOptions.fromOptions(WriteOptions.Mode.APPEND, options))
                .rows(SparkSchemas.toAzof(data.schema().asNullable()), azofValues(data)).commit();
        Map<String, DeltaFile> bySpark = filesOf(localTable(spark).latestSnapshot(), 1);
        Map<String, DeltaFile> byCore = filesOf(localTable(core).latestSnapshot(), 1);
        assertThat(bySpark.keySet()).isEqualTo(byCore.keySet());
        for (String place : bySpark.keySet()) {
            assertThat(bySpark.get(place).stats()).as("statistics of " + place).isEqualTo(byCore.get(place).stats());
            assertThat(Files.readAllBytes(spark.resolve(bySpark.get(place).file()))).as("bytes of " + place)
                    .isEqualTo(Files.readAllBytes(core.resolve(byCore.get(place).file())));
        }
        ValidationReport report = localTable(spark).validate(true);
        assertThat(report.problems()).as(report.toString()).isEmpty();
    }

    private static String[] options() {
        return OPTIONS.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
    }

    /** Version 1: a year of rows, some in 2023; version 2: late rows into those months and new keys. */
    private static List<Object[]> rows(Random random, int version) {
        List<Object[]> rows = new ArrayList<>();
        for (String region : REGIONS) {
            for (int sensor = -3; sensor < 40; sensor += version) {
                int times = 1 + random.nextInt(4);
                for (int t = 0; t < times; t++) {
                    Instant at = instant("2023-11-01T00:00:00Z").plusSeconds(86_400L * (random.nextInt(120) + 30 * t) + sensor + 37L * version);
                    rows.add(row(random, region, sensor, at));
                }
            }
        }
        return distinctByKeyAndTime(rows);
    }

    private static Object[] row(Random random, String region, int sensor, Instant at) {
        boolean nulls = random.nextInt(5) == 0;
        return new Object[] {region, sensor, at,
            nulls ? null : random.nextBoolean(),
            (byte) random.nextInt(256),
            nulls ? null : (short) random.nextInt(65_536),
            random.nextLong(),
            random.nextFloat(),
            nulls ? null : random.nextGaussian(),
            BigDecimal.valueOf(random.nextInt(1_000_000), 2),
            nulls ? null : new BigDecimal(random.nextInt() + "123456789.12345"),
            LocalDate.of(2000, 1, 1).plusDays(random.nextInt(10_000)),
            nulls ? null : at.minusSeconds(random.nextInt(1000)),
            nulls ? null : "note " + random.nextInt(50) + (random.nextBoolean() ? " é" : ""),
            nulls ? null : new byte[] {(byte) random.nextInt(), 0, (byte) 0xff},
            nulls ? null : Arrays.asList("a" + random.nextInt(3), null, "b"),
            nulls ? null : new TreeMap<>(Map.of("k" + random.nextInt(3), random.nextInt(), "z", 1)),
            nulls ? null : RowFactory.create(random.nextDouble(), nulls ? null : random.nextDouble()),
            random.nextInt(6) == 0 ? Boolean.TRUE : random.nextInt(6) == 0 ? null : Boolean.FALSE};
    }

    private static List<Object[]> distinctByKeyAndTime(List<Object[]> rows) {
        Map<String, Object[]> distinct = new LinkedHashMap<>();
        for (Object[] row : rows) {
            distinct.putIfAbsent(row[0] + "|" + row[1] + "|" + row[2], row);
        }
        return new ArrayList<>(distinct.values());
    }

    /** The frame's rows in azof's value representation, as the core takes them. */
    private static List<Object[]> azofValues(Dataset<Row> data) {
        List<Object[]> values = new ArrayList<>();
        StructField[] fields = data.schema().fields();
        for (InternalRow row : data.queryExecution().toRdd().toJavaRDD().collect()) {
            Object[] converted = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                converted[i] = SparkValues.fromSpark(row, i, fields[i].dataType());
            }
            values.add(converted);
        }
        return values;
    }

    /** The files a version added, by segment and bucket. */
    private static Map<String, DeltaFile> filesOf(Snapshot snapshot, long version) {
        Map<String, DeltaFile> files = new TreeMap<>();
        for (Segment segment : snapshot.segments()) {
            for (DeltaFile delta : segment.deltas()) {
                if (delta.stats().addedVersion() == version) {
                    assertThat(files.put(segment.id() + "/b" + delta.stats().bucket(), delta)).as("one file per (segment, bucket)").isNull();
                }
            }
        }
        return files;
    }
}
