package io.azof.core.testing;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Creators of one table racing: an empty {@link Table#create} (the catalog's CREATE TABLE), a create write with rows
 * (an {@code errorifexists} write) and an upgrade of an azof 0.2.1 table, several of each, all released at once onto the
 * creation of version 1 (a {@link SnapshotRaceGate}). Each creator gives its table a bucket count of its own, so the table
 * left behind says who won.
 *
 * <p>Shared by the local race test and the S3 one, so both check the same thing on their storage.
 */
public final class CreationRace {
    /** The kinds of creator, each appearing {@code perKind} times in a round. */
    public enum Kind { CREATE, CREATE_WITH_ROWS, UPGRADE }

    private static final StructType SCHEMA = StructType.of(
            new StructField("key", PrimitiveType.STRING, false),
            new StructField("event_time", PrimitiveType.TIMESTAMP, false),
            new StructField("value", PrimitiveType.STRING, true));
    private static final long JAN1 = micros("2024-01-01T00:00:00Z");
    private static final String LEGACY_KEY = "upgraded";

    /**
     * What one round did.
     *
     * @param winners the creators whose commit returned, by index
     * @param failures what the other creators threw
     * @param winnerByTable the creator whose bucket count the table has; -1 when several won
     * @param latestVersion the table's latest version after the round; -1 when several won
     */
    public record Round(List<Integer> winners, List<Throwable> failures, int winnerByTable, long latestVersion, List<String> keys) {
    }

    private CreationRace() {
    }

    /** Writes the azof 0.2.1 table the upgraders read: one row. */
    public static void writeLegacySource(TableStorage storage) throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("value", ColumnType.STRING, true)));
        Segment segment = new Segment("2024", JAN1, null, null, List.of(new DeltaFile("delta.parquet", JAN1, micros("2024-12-31T23:59:59.999Z"))), List.of());
        LegacyTableWriter.write(new LegacyLayout("race source", new EventHistory(schema, List.of()), new Snapshot(1, schema, List.of(segment)),
                Map.of("delta.parquet", List.<Object[]>of(new Object[] {LEGACY_KEY, JAN1, "legacy"}))), storage);
    }

    /**
     * Runs one round of {@code 3 * perKind} creators at {@code target}, each reaching it through {@code wrap} (the race
     * gate, and for the control the non-atomic storage).
     */
    public static Round run(TableStorage target, TableStorage legacySource, int perKind, UnaryOperator<TableStorage> wrap)
            throws Exception {
        int creators = 3 * perKind;
        SnapshotRaceGate gate = new SnapshotRaceGate(creators, 0);
        TableStorage raced = gate.storage(wrap.apply(target));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < creators; i++) {
                int creator = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    create(Kind.values()[creator % 3], creator, Table.forStorage(raced), legacySource);
                    return null;
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int i = 0; i < creators; i++) {
                try {
                    futures.get(i).get(120, TimeUnit.SECONDS);
                    winners.add(i);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            if (winners.size() != 1) {
                // Several winners overwrote each other's version 1 (the control): what is left is no one's table to read.
                return new Round(winners, failures, -1, -1, List.of());
            }
            Table table = Table.forStorage(target);
            Snapshot snapshot = table.latestSnapshot();
            List<String> keys = new ArrayList<>();
            try (CloseableIterator<Object[]> rows = table.newScan().rows()) {
                rows.forEachRemaining(row -> keys.add((String) row[0]));
            }
            return new Round(winners, failures, snapshot.table().buckets() - 1, table.latestVersion(), keys);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The keys creator {@code creator}'s table holds. */
    public static List<String> keysOf(int creator) {
        return switch (Kind.values()[creator % 3]) {
            case CREATE -> List.of();
            case CREATE_WITH_ROWS -> List.of("writer-" + creator);
            case UPGRADE -> List.of(LEGACY_KEY);
        };
    }

    /**
     * The guarantee: exactly one creator committed, the table is its version 1 and holds its rows only, and every other
     * creator got {@link TableAlreadyExistsException}.
     */
    public static void assertExactlyOneWon(Round round, int creators) {
        assertThat(round.winners()).as("creators whose commit returned").hasSize(1);
        int winner = round.winners().get(0);
        assertThat(round.winnerByTable()).as("the creator whose definition the table has").isEqualTo(winner);
        assertThat(round.latestVersion()).as("versions: the winner's create alone").isEqualTo(1);
        assertThat(round.keys()).as("rows: the winner's alone").containsExactlyElementsOf(keysOf(winner));
        assertThat(round.failures()).hasSize(creators - 1).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(TableAlreadyExistsException.class)
                .hasMessageContaining("already exists (latest version 1)"));
    }

    private static void create(Kind kind, int creator, Table table, TableStorage legacySource) {
        int buckets = creator + 1;
        switch (kind) {
            case CREATE -> table.create(TableDefinition.create(List.of("key"), "event_time", SCHEMA, SegmentGranularity.MONTH, buckets));
            case CREATE_WITH_ROWS -> table.newCreate().layout(SegmentGranularity.MONTH, buckets)
                    .rows(SCHEMA, List.<Object[]>of(new Object[] {"writer-" + creator, JAN1, "w"})).commit();
            case UPGRADE -> Table.forStorage(legacySource).newUpgrade(table).buckets(buckets).commit();
        }
    }
}
