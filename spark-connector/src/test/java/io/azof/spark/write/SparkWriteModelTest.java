package io.azof.spark.write;

import static io.azof.spark.write.WriteTestSupport.latest;
import static io.azof.spark.write.WriteTestSupport.reader;
import static io.azof.spark.write.WriteTestSupport.snapshot;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.log.SnapshotLog;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.VersionedModel;
import io.azof.core.testing.WriteHistoryGenerator.History;
import io.azof.core.testing.WriteHistoryGenerator.Settings;
import io.azof.core.testing.WriteHistoryGenerator.Write;
import io.azof.core.testing.WriteHistoryGenerator;
import io.azof.core.time.Micros;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.write.WriteOptions;
import io.azof.spark.AzofTable;
import io.azof.spark.SharedSpark;
import io.azof.spark.common.SparkSchemas;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random write histories (late rows, ties across writes, deletes shadowing later-arriving older rows,
 * overwrites, retried write ids, empty and ambiguous writes) run through Spark writes, and Spark reads at
 * random (asOf, versionAsOf | systemTimeAsOf) checked against {@link VersionedModel}. What each write must do
 * (commit, skip, be rejected) is derived from the model, not from what the generator meant.
 */
class SparkWriteModelTest {
    private static final int HISTORIES = 10;
    private static final int READS_PER_HISTORY = 8;
    private static final long SEED = 20_241_122L;
    private static final String BATCH_SIZE = "spark.sql.parquet.columnarReaderBatchSize";

    @TempDir
    Path dir;

    private int committed;
    private int skipped;
    private int rejected;
    private int reads;
    private int compactions;
    private int baseFiles;
    private int autoCompactions;

    @Test
    void sparkWritesAndReadsAgreeWithTheModel() {
        for (int i = 0; i < HISTORIES; i++) {
            History history = WriteHistoryGenerator.generate(new Settings(SEED + i, 3 + i % 3, 6, 4, i % 4 == 3));
            runHistory(history, dir.resolve("history-" + i));
        }
        System.out.printf("SparkWriteModelTest: %d histories, %d writes committed, %d skipped (write id), %d rejected, %d reads checked;"
                + " %d compactions wrote %d base files; %d compactions after writes%n", HISTORIES, committed, skipped, rejected, reads, compactions,
                baseFiles, autoCompactions);
        assertThat(committed).isPositive();
        assertThat(baseFiles).isPositive();
        assertThat(autoCompactions).isPositive();
        assertThat(skipped + rejected).isPositive();
    }

    /**
     * Half the histories compact by hand before each write, with compaction after writes off; the other half leave it
     * on, with {@code autoCompact.maxRuns} 2 so that it fires within a few writes (SPEC section 6.8).
     */
    private void runHistory(History history, Path table) {
        VersionedModel model = new VersionedModel();
        boolean compacting = history.settings().seed() % 2 == 0;
        for (Write write : history.writes()) {
            if (compacting && model.latestVersion() > 0) {
                compact(table, model);
            }
            long before = model.latestVersion();
            Map<String, String> creation = before > 0 ? Map.of() : compacting ? Map.of(WriteOptions.AUTO_COMPACT, "false")
                    : Map.of(WriteOptions.AUTO_COMPACT_MAX_RUNS, "2");
            if (model.committed(write.options().writeId())) {
                save(write, creation, table);
                assertThat(latestVersion(table)).as("retried write id\n" + history).isEqualTo(before);
                skipped++;
            } else if (hasTwoRowsOfOneKeyAndTime(write)) {
                assertThatThrownBy(() -> save(write, creation, table)).as("ambiguous write\n" + history)
                        .isInstanceOf(InvalidWriteException.class).hasMessageContaining("same key");
                assertThat(latestVersion(table)).as("after a rejected write\n" + history).isEqualTo(before);
                rejected++;
            } else {
                save(write, creation, table);
                long version = model.commit(write.overwrite(), write.rows(), write.options().writeId(),
                        snapshot(table, before + 1).commit().committedAtMillis());
                committed++;
                // The compaction the write ran after its commit is a version of its own with the same records.
                while (latestVersion(table) > model.latestVersion()) {
                    Snapshot compacted = snapshot(table, model.latestVersion() + 1);
                    assertThat(compacting).as("a compaction after a write with autoCompact off\n" + history).isFalse();
                    assertThat(compacted.commit().operation()).isEqualTo(CommitInfo.COMPACT);
                    model.commit(false, List.of(), null, compacted.commit().committedAtMillis());
                    autoCompactions++;
                }
                assertThat(latestVersion(table)).as(history.toString()).isEqualTo(model.latestVersion());
                assertThat(version).isEqualTo(before + 1);
            }
        }
        if (model.latestVersion() > 0) {
            checkReads(history, model, table);
        }
    }

    /**
     * A distributed compaction that puts a base wherever a read would merge two files: the writes after it add
     * late rows, ties and deletes on top of bases, and the reads see them through Spark's columnar merge. A
     * committed compaction is a version with the same records, which the model commits as an empty append.
     */
    private void compact(Path table, VersionedModel model) {
        long before = model.latestVersion();
        CompactionResult result = AzofTable.forPath(SharedSpark.session(), table.toString())
                .compactAndReport(CompactionPolicy.defaults().withMinFilesToMerge(2));
        if (result.committed()) {
            model.commit(false, List.of(), null, snapshot(table, before + 1).commit().committedAtMillis());
            compactions++;
            baseFiles += result.basesWritten();
        }
        assertThat(latestVersion(table)).isEqualTo(model.latestVersion());
    }

    private static long latestVersion(Path table) {
        return new SnapshotLog(TestTables.localStorage(table)).latestVersion();
    }

    private static boolean hasTwoRowsOfOneKeyAndTime(Write write) {
        Set<List<Object>> seen = new HashSet<>();
        return !write.rows().stream().allMatch(r -> seen.add(List.of(r.key(), r.eventTimeMicros())));
    }

    /** @param creation table properties given with the write: those of a new table */
    private static void save(Write write, Map<String, String> creation, Path table) {
        StructType schema = ((StructType) SparkSchemas.toSpark(write.inputSchema())).asNullable();
        List<Row> rows = new ArrayList<>();
        for (Object[] input : write.inputRows()) {
            Object[] external = new Object[input.length];
            for (int i = 0; i < input.length; i++) {
                external[i] = external(write.inputSchema().field(i).type(), input[i]);
            }
            rows.add(RowFactory.create(external));
        }
        Dataset<Row> frame = SharedSpark.session().createDataFrame(rows, schema);
        WriteOptions options = write.options();
        DataFrameWriter<Row> writer = frame.write().format("azof").mode(write.overwrite() ? "overwrite" : "append");
        if (options.keyColumns() != null) {
            writer = writer.option(WriteOptions.KEY_COLUMNS, String.join(",", options.keyColumns()));
        }
        if (options.eventTimeColumn() != null) {
            writer = writer.option(WriteOptions.EVENT_TIME_COLUMN, options.eventTimeColumn());
        }
        if (options.deleteColumn() != null) {
            writer = writer.option(WriteOptions.DELETE_COLUMN, options.deleteColumn());
        }
        if (options.writeId() != null) {
            writer = writer.option(WriteOptions.WRITE_ID, options.writeId());
        }
        if (options.granularity() != null) {
            writer = writer.option(WriteOptions.SEGMENT_GRANULARITY, options.granularity().jsonName());
        }
        if (options.buckets() != null) {
            writer = writer.option(WriteOptions.BUCKETS, Integer.toString(options.buckets()));
        }
        writer.options(creation).save(table.toString());
    }

    /** A core value as the Java value Spark's Row takes (java.time for dates and timestamps). */
    private static Object external(io.azof.core.types.DataType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type == PrimitiveType.TIMESTAMP) {
            return Micros.toInstant((Long) value);
        }
        if (type == PrimitiveType.DATE) {
            return LocalDate.ofEpochDay((Integer) value);
        }
        return value;
    }

    /** The opposite of {@link #external}, for values read back. */
    private static Object internal(Object value) {
        if (value instanceof Instant instant) {
            return Micros.of(instant);
        }
        if (value instanceof LocalDate date) {
            return (int) date.toEpochDay();
        }
        return value;
    }

    /**
     * Reads at random event times (the history's own, one microsecond either side, and current) and random
     * versions, picked by number or by a system time at or just after a commit. All reads of a history run as
     * one Spark job (a union tagged by read), since each job costs far more than its rows here.
     */
    private void checkReads(History history, VersionedModel model, Path table) {
        Random random = new Random(history.settings().seed());
        List<Long> times = new ArrayList<>(history.eventTimes());
        List<Dataset<Row>> probes = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<Map<List<Object>, VersionedModel.Row>> expected = new ArrayList<>();
        for (int i = 0; i < READS_PER_HISTORY; i++) {
            long asOf = random.nextInt(5) == 0 || times.isEmpty()
                    ? VersionedModel.CURRENT : times.get(random.nextInt(times.size())) + random.nextInt(3) - 1;
            List<String> options = new ArrayList<>();
            if (asOf != VersionedModel.CURRENT) {
                options.addAll(List.of("asOf", Micros.toInstant(asOf).toString()));
            }
            long version = model.latestVersion();
            switch (random.nextInt(3)) {
                case 0 -> {
                    version = 1 + random.nextInt((int) model.latestVersion());
                    options.addAll(List.of("versionAsOf", Long.toString(version)));
                }
                case 1 -> {
                    long at = model.commitTime(1 + random.nextInt((int) model.latestVersion())) + random.nextInt(2);
                    version = model.versionAt(at);
                    options.addAll(List.of("systemTimeAsOf", Instant.ofEpochMilli(at).toString()));
                }
                default -> {
                }
            }
            ReadPredicate predicate = randomPredicate(history, random, times);
            descriptions.add(options + " where " + predicate.description() + " = state(" + asOf + ", " + version + ")");
            Map<List<Object>, VersionedModel.Row> state = new HashMap<>(model.state(asOf, version));
            state.values().removeIf(row -> !predicate.test().test(row));
            expected.add(state);
            probes.add(reader(options.toArray(String[]::new)).load(table.toString()).where(predicate.column())
                    .withColumn("_probe", lit(i)));
        }
        Dataset<Row> all = probes.stream().reduce(Dataset::unionByName).orElseThrow();
        Map<Integer, List<VersionedModel.Row>> actual = new HashMap<>();
        // Tiny batches make the merge cross batch boundaries inside runs and inside one key's records.
        int batchRows = List.of(1, 2, 3, 4096).get(random.nextInt(4));
        List<Row> rows;
        SharedSpark.session().conf().set(BATCH_SIZE, batchRows);
        try {
            rows = all.collectAsList();
        } finally {
            SharedSpark.session().conf().unset(BATCH_SIZE);
        }
        for (Row row : rows) {
            actual.computeIfAbsent(row.getInt(row.fieldIndex("_probe")), k -> new ArrayList<>()).add(modelRow(history, row));
        }
        for (int i = 0; i < READS_PER_HISTORY; i++) {
            assertThat(actual.getOrDefault(i, List.of())).as(descriptions.get(i) + " with " + batchRows + "-row batches\n" + history)
                    .containsExactlyInAnyOrderElementsOf(expected.get(i).values());
            reads++;
        }
        String beforeFirstCommit = Instant.ofEpochMilli(model.commitTime(1) - 1).toString();
        assertThatThrownBy(() -> reader("systemTimeAsOf", beforeFirstCommit).load(table.toString()))
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("No version")
                .hasMessageContaining(model.latestVersion() == 1 ? "the only version is 1" : "available versions: 1 to " + model.latestVersion());
        assertThat(latest(table).version()).isEqualTo(model.latestVersion());
    }

    /** A filter on the read, as Spark applies it and as the model's rows are checked against it. */
    private record ReadPredicate(String description, Column column, Predicate<VersionedModel.Row> test) {
    }

    /**
     * No filter, or one that the scan prunes by (first key column = / IN / range, event-time lower bound), or an
     * event-time upper bound, which it must not prune by. Spark applies each after the merge as well, so
     * pruning that dropped a record it must not would show up as a wrong answer.
     */
    private static ReadPredicate randomPredicate(History history, Random random, List<Long> times) {
        List<VersionedModel.Row> rows = history.writes().stream().flatMap(w -> w.rows().stream()).toList();
        if (rows.isEmpty() || times.isEmpty() || random.nextBoolean()) {
            return new ReadPredicate("true", lit(true), row -> true);
        }
        StructField keyField = history.keyKind().fields().get(0);
        String keyColumn = keyField.name();
        Object someKey = rows.get(random.nextInt(rows.size())).key().get(0);
        long someTime = times.get(random.nextInt(times.size())) + random.nextInt(3) - 1;
        return switch (random.nextInt(5)) {
            case 0 -> {
                Object otherKey = rows.get(random.nextInt(rows.size())).key().get(0);
                yield new ReadPredicate(keyColumn + " IN (" + someKey + ", " + otherKey + ")",
                        col(keyColumn).isin(external(keyField.type(), someKey), external(keyField.type(), otherKey)),
                        row -> compareKeys(row.key().get(0), someKey) == 0 || compareKeys(row.key().get(0), otherKey) == 0);
            }
            case 1 -> new ReadPredicate(keyColumn + " >= " + someKey, col(keyColumn).geq(external(keyField.type(), someKey)),
                    row -> compareKeys(row.key().get(0), someKey) >= 0);
            case 2 -> new ReadPredicate(keyColumn + " < " + someKey, col(keyColumn).lt(external(keyField.type(), someKey)),
                    row -> compareKeys(row.key().get(0), someKey) < 0);
            case 3 -> new ReadPredicate("ts >= " + someTime,
                    col(WriteHistoryGenerator.EVENT_TIME).geq(lit(Micros.toInstant(someTime))), row -> row.eventTimeMicros() >= someTime);
            default -> new ReadPredicate("ts < " + someTime,
                    col(WriteHistoryGenerator.EVENT_TIME).lt(lit(Micros.toInstant(someTime))), row -> row.eventTimeMicros() < someTime);
        };
    }

    /** Key values of the generator's key kinds (strings, longs, day numbers, decimals) in Spark's order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object left, Object right) {
        if (left instanceof String l) {
            return KeyOrdering.compareUtf8(l, (String) right);
        }
        return ((Comparable) left).compareTo(right);
    }

    private static VersionedModel.Row modelRow(History history, Row row) {
        List<Object> key = new ArrayList<>();
        for (String column : history.keyColumns()) {
            key.add(internal(row.getAs(column)));
        }
        List<Object> payload = new ArrayList<>();
        for (StructField column : WriteHistoryGenerator.PAYLOAD) {
            payload.add(internal(row.getAs(column.name())));
        }
        return new VersionedModel.Row(key, (Long) internal(row.getAs(WriteHistoryGenerator.EVENT_TIME)), payload, false);
    }
}
