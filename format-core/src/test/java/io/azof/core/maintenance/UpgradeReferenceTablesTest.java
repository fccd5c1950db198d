package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.Snapshot;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.testing.ReferenceTables;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.time.Micros;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upgrades every azof 0.2.1 reference table (read in place, see {@link ReferenceTables}) and
 * checks that the new table answers every as-of read as the old one does: at every distinct event time, at every
 * segment and delta bound, 1 ms either side of each (of the event times only for tables of at most
 * {@value #CORE_READ_LIMIT} records), before all data, and current.
 *
 * <p>{@code financials} holds the two things no set of records can reproduce, and the upgrade reports them
 * (see {@link LegacyTableUpgrade.Result}): five keys with two different rows at 2019-06-01 in one delta
 * file (three of them show in later reads), and 1628 rows with event times before its first segment
 * (2000-01-01), which azof 0.2.1 does not show before that date. Reads may differ from the source exactly
 * there and nowhere else.
 *
 * <p>Reading a million records at every probe through the row-at-a-time reader takes far longer than a unit
 * test may, so for tables of more than {@value #CORE_READ_LIMIT} records the upgraded table is read through
 * the core at {@value #CORE_SAMPLE} evenly spaced probes and computed from its stored records at the others
 * (the 0.2.1 side is always read through the core). {@code -Dazof.upgrade.allProbesThroughCore=true} reads
 * every probe through the core.
 */
class UpgradeReferenceTablesTest {
    private static final long CORE_READ_LIMIT = 50_000;
    private static final int CORE_SAMPLE = 24;
    private static final boolean ALL_THROUGH_CORE = Boolean.getBoolean("azof.upgrade.allProbesThroughCore");
    private static final AtomicLong TABLES = new AtomicLong();
    private static final AtomicLong PROBES = new AtomicLong();
    private static final AtomicLong CORE_PROBES = new AtomicLong();
    private static final AtomicLong ROWS = new AtomicLong();
    private static final AtomicLong EXPLAINED = new AtomicLong();

    /** Each table gets another layout, so all granularities and several bucket counts are exercised. */
    private static final Map<String, Layout> LAYOUTS = Map.of(
            "table0", new Layout(SegmentGranularity.MONTH, 4),
            "table1", new Layout(SegmentGranularity.DAY, 3),
            "table2", new Layout(SegmentGranularity.QUARTER, 1),
            "financials", new Layout(SegmentGranularity.YEAR, 2));

    record Layout(SegmentGranularity granularity, int buckets) {
    }

    static Stream<String> referenceTables() {
        return ReferenceTables.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceTables")
    void upgradedTableAnswersEveryAsOfReadAsTheOriginal(String name, @TempDir Path target) {
        TableStorage source = TestTables.localStorage(ReferenceTables.table(name));
        TableStorage upgraded = TestTables.localStorage(target);
        Snapshot legacy = Table.forStorage(source).latestSnapshot();
        Layout layout = LAYOUTS.getOrDefault(name, new Layout(SegmentGranularity.MONTH, 4));

        LegacyTableUpgrade.Result result = Table.forStorage(source).newUpgrade(Table.forStorage(upgraded)).granularity(layout.granularity()).buckets(layout.buckets()).commit();

        assertThat(result.version()).isEqualTo(1);
        assertThat(result.sourceVersion()).isEqualTo(legacy.version());
        assertThat(result.filesRead()).isEqualTo(SegmentPlanner.everyFile(legacy).size());
        assertThat(result.records() + result.duplicateRows()).isEqualTo(result.rowsRead());
        Snapshot written = Table.forStorage(upgraded).latestSnapshot();
        assertThat(written.isLegacy()).isFalse();
        assertThat(written.version()).isEqualTo(1);
        assertThat(written.commit().operation()).isEqualTo("create");
        assertThat(written.commit().rowsAdded()).isEqualTo(result.records());
        assertThat(written.commit().filesAdded()).isEqualTo(result.filesWritten());
        assertThat(written.table().keyColumns()).containsExactly("key");
        assertThat(written.table().eventTimeColumn()).isEqualTo("event_time");
        assertThat(written.table().granularity()).isEqualTo(layout.granularity());
        assertThat(written.table().buckets()).isEqualTo(layout.buckets());
        assertThat(written.table().payloadColumns()).isEqualTo(legacy.table().payloadColumns());
        if (name.equals("financials")) {
            assertThat(result.conflicts()).extracting(c -> c.key() + "@" + Micros.toInstant(c.eventTimeMicros()) + " kept " + c.keptFile())
                    .containsExactly(
                            "GGDVY@2019-06-01T00:00:00Z kept year_2019_q2_delta.parquet",
                            "TNISY@2019-06-01T00:00:00Z kept year_2019_q2_delta.parquet",
                            "VIBVY@2019-06-01T00:00:00Z kept year_2019_q2_delta.parquet",
                            "VLOWY@2019-06-01T00:00:00Z kept year_2019_q2_delta.parquet",
                            "YUEIY@2019-06-01T00:00:00Z kept year_2019_q2_delta.parquet");
            assertThat(result.recordsBeforeFirstSegment()).isEqualTo(1628);
        } else {
            assertThat(result.conflicts()).isEmpty();
            assertThat(result.recordsBeforeFirstSegment()).isZero();
        }

        List<AsOf> probes = UpgradeComparison.probes(source, legacy, result.records() <= CORE_READ_LIMIT);
        Predicate<AsOf> throughCore = sample(probes, ALL_THROUGH_CORE || result.records() <= CORE_READ_LIMIT ? 1 : probes.size() / CORE_SAMPLE);
        UpgradeComparison.Outcome outcome = UpgradeComparison.compare(source, upgraded, result, probes, throughCore);

        TABLES.incrementAndGet();
        PROBES.addAndGet(outcome.probes());
        CORE_PROBES.addAndGet(outcome.probesThroughCore());
        ROWS.addAndGet(outcome.rowsCompared());
        EXPLAINED.addAndGet(outcome.explained());
        System.out.printf("upgrade of %s (%s, %d buckets): %d rows read from %d files -> %d records of %d keys in %d files;"
                        + " %d conflicts, %d records before the first segment; %s%n", name, layout.granularity().jsonName(),
                layout.buckets(), result.rowsRead(), result.filesRead(), result.records(), result.keys(), result.filesWritten(),
                result.conflicts().size(), result.recordsBeforeFirstSegment(), outcome.summary());
        assertThat(outcome.unexplained())
                .withFailMessage(() -> outcome.unexplained().size() + " of " + outcome.probes() + " reads of " + name
                        + " differ after the upgrade; first ones:\n" + String.join("\n",
                        outcome.unexplained().subList(0, Math.min(UpgradeComparison.SHOWN, outcome.unexplained().size()))))
                .isEmpty();
        if (result.conflicts().isEmpty() && result.recordsBeforeFirstSegment() == 0) {
            assertThat(outcome.identical()).isEqualTo(outcome.probes());
        } else {
            assertThat(outcome.explained()).as("probes where a reported finding shows").isPositive();
        }
    }

    /** Every {@code step}-th probe, and current. */
    private static Predicate<AsOf> sample(List<AsOf> probes, int step) {
        Set<AsOf> chosen = new HashSet<>();
        for (int i = 0; i < probes.size(); i += Math.max(1, step)) {
            chosen.add(probes.get(i));
        }
        chosen.add(AsOf.current());
        return chosen::contains;
    }

    @AfterAll
    static void printSummary() {
        System.out.printf("UpgradeReferenceTablesTest: %d reference tables upgraded, %d as-of probes compared (%d of them read through"
                + " the core on both sides, %d rows per side), %d differing only where the upgrade reports a finding%n",
                TABLES.get(), PROBES.get(), CORE_PROBES.get(), ROWS.get(), EXPLAINED.get());
    }
}
