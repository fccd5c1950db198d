package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.LegacyTableUpgrade.LegacyRecords;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.EventHistory.Event;
import io.azof.core.testing.LegacyLayout;
import io.azof.core.testing.LegacyLayoutGenerator;
import io.azof.core.testing.LegacyTableWriter;
import io.azof.core.testing.TestArbitraries;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The upgrade on random valid azof 0.2.1 layouts ({@link LegacyLayoutGenerator}: nested segments, bases that
 * repeat delta rows, deltas in any snapshot order, empty files). On a valid layout nothing is ambiguous, so
 * the upgraded table must answer every as-of read exactly as the source does. A failure prints the
 * generator's settings and the whole layout, so the table can be rebuilt without jqwik.
 */
class UpgradeGeneratedLayoutsTest {
    private static final AtomicLong MEMORY_LAYOUTS = new AtomicLong();
    private static final AtomicLong MEMORY_RECORDS = new AtomicLong();
    private static final AtomicLong MEMORY_DUPLICATES = new AtomicLong();
    private static final AtomicLong PARQUET_LAYOUTS = new AtomicLong();
    private static final AtomicLong PARQUET_PROBES = new AtomicLong();
    private static final AtomicLong PARQUET_ROWS = new AtomicLong();
    private static final AtomicLong PARQUET_IDENTICAL = new AtomicLong();

    @Provide
    Arbitrary<LegacyLayout> layouts() {
        return TestArbitraries.legacyLayouts();
    }

    /** Without Parquet: the records are exactly the events the layout was generated from, one each. */
    @Property(tries = 500)
    void recordsAreExactlyTheGeneratingHistory(@ForAll("layouts") LegacyLayout layout) {
        LegacyRecords records = LegacyTableUpgrade.records(layout.snapshot(), layout::open);

        MEMORY_LAYOUTS.incrementAndGet();
        MEMORY_RECORDS.addAndGet(records.records().size());
        MEMORY_DUPLICATES.addAndGet(records.duplicateRows());
        List<Event> events = layout.history().events();
        assertThat(UpgradeComparison.sorted(records.records()))
                .as("records of %s", layout.describe())
                .isEqualTo(UpgradeComparison.sorted(events.stream().map(Event::row).toList()));
        assertThat(records.conflicts()).isEmpty();
        assertThat(records.recordsBeforeFirstSegment()).isZero();
        assertThat(records.keys()).isEqualTo(events.stream().map(Event::key).distinct().count());
    }

    @Property(tries = 40)
    void upgradedTableAnswersEveryAsOfReadAsTheSource(@ForAll("layouts") LegacyLayout layout,
                                                      @ForAll SegmentGranularity granularity,
                                                      @ForAll("buckets") int buckets) throws IOException {
        try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-upgrade-model-")) {
            TableStorage source = TestTables.localStorage(temp.path().resolve("source"));
            TableStorage target = TestTables.localStorage(temp.path().resolve("target"));
            LegacyTableWriter.write(layout, source);
            Snapshot legacy = Table.forStorage(source).latestSnapshot();

            LegacyTableUpgrade.Result result = Table.forStorage(source).newUpgrade(Table.forStorage(target)).granularity(granularity).buckets(buckets).commit();

            assertThat(result.records()).isEqualTo(layout.history().events().size());
            assertThat(result.conflicts()).isEmpty();
            Set<AsOf> probes = new LinkedHashSet<>(UpgradeComparison.probes(source, legacy, true));
            probes.addAll(layout.probes());
            UpgradeComparison.Outcome outcome = UpgradeComparison.compare(source, target, result, List.copyOf(probes), asOf -> true);

            PARQUET_LAYOUTS.incrementAndGet();
            PARQUET_PROBES.addAndGet(outcome.probes());
            PARQUET_ROWS.addAndGet(outcome.rowsCompared());
            PARQUET_IDENTICAL.addAndGet(outcome.identical());
            assertThat(outcome.identical())
                    .withFailMessage(() -> "after an upgrade to " + granularity + "/" + buckets + " buckets: " + outcome.summary() + "\n"
                            + String.join("\n", outcome.unexplained().subList(0, Math.min(UpgradeComparison.SHOWN,
                            outcome.unexplained().size()))) + "\nlayout " + layout.describe())
                    .isEqualTo(outcome.probes());
        }
    }

    @Provide
    Arbitrary<Integer> buckets() {
        return Arbitraries.integers().between(1, 6);
    }

    @AfterContainer
    static void printSummary() {
        System.out.printf("UpgradeGeneratedLayoutsTest in memory: %d layouts, %d records, %d duplicate rows merged%n",
                MEMORY_LAYOUTS.get(), MEMORY_RECORDS.get(), MEMORY_DUPLICATES.get());
        System.out.printf("UpgradeGeneratedLayoutsTest through Parquet: %d layouts upgraded, %d as-of probes compared through the core"
                + " on both sides (%d rows per side), %d identical%n", PARQUET_LAYOUTS.get(), PARQUET_PROBES.get(), PARQUET_ROWS.get(),
                PARQUET_IDENTICAL.get());
    }
}
