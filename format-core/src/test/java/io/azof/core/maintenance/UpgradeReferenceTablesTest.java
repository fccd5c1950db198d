package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.Snapshot;
import io.azof.core.table.AzofTable;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upgrades every azof 0.2.1 reference table (read in place from {@code ../shared/fixtures/azof-0.2.1}) and
 * checks that the new table answers every as-of read exactly as the old one does: at every distinct event
 * time, 1 ms either side of it, at every segment and delta bound, before all data, and current.
 */
class UpgradeReferenceTablesTest {
    private static final Path FIXTURES = Path.of(System.getProperty("azof.shared.dir", "../../shared"), "fixtures", "azof-0.2.1");
    private static final AtomicLong TABLES = new AtomicLong();
    private static final AtomicLong PROBES = new AtomicLong();
    private static final AtomicLong ROWS = new AtomicLong();

    static Stream<String> referenceTables() throws IOException {
        assertThat(FIXTURES).as("the azof 0.2.1 reference tables").isDirectory();
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void theReferenceTablesAreAllThere() throws IOException {
        assertThat(referenceTables().toList()).contains("financials", "table0", "table1", "table2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceTables")
    void upgradedTableAnswersEveryAsOfReadAsTheOriginal(String name, @TempDir Path target) {
        TableStorage source = UpgradeComparison.storage(FIXTURES.resolve(name));
        TableStorage upgraded = UpgradeComparison.storage(target);
        Snapshot legacy = AzofTable.open(source).snapshot();

        LegacyTableUpgrade.Result result = LegacyTableUpgrade.upgrade(source, upgraded, SegmentGranularity.MONTH, 4);

        assertThat(result.version()).isEqualTo(1);
        assertThat(result.sourceVersion()).isEqualTo(legacy.version());
        assertThat(result.filesRead()).isEqualTo(LegacyTableUpgrade.filesInSnapshotOrder(legacy).size());
        assertThat(result.records() + result.duplicateRows()).isEqualTo(result.rowsRead());
        Snapshot written = AzofTable.open(upgraded).snapshot();
        assertThat(written.isLegacy()).isFalse();
        assertThat(written.version()).isEqualTo(1);
        assertThat(written.commit().operation()).isEqualTo("create");
        assertThat(written.commit().rowsAdded()).isEqualTo(result.records());
        assertThat(written.table().keyColumns()).containsExactly("key");
        assertThat(written.table().eventTimeColumn()).isEqualTo("event_time");
        assertThat(written.table().payloadColumns()).isEqualTo(legacy.table().payloadColumns());

        List<AsOf> probes = UpgradeComparison.probes(source, legacy);
        UpgradeComparison.Outcome outcome = UpgradeComparison.compare(source, upgraded, probes);

        TABLES.incrementAndGet();
        PROBES.addAndGet(outcome.probes());
        ROWS.addAndGet(outcome.rowsCompared());
        System.out.printf("upgrade of %s: %d rows read from %d files -> %d records of %d keys in %d files; %d as-of reads compared"
                        + " (%d rows), %d differ%n", name, result.rowsRead(), result.filesRead(), result.records(), result.keys(),
                result.filesWritten(), outcome.probes(), outcome.rowsCompared(), outcome.mismatches().size());
        assertThat(outcome.mismatches())
                .withFailMessage(() -> outcome.mismatches().size() + " of " + outcome.probes() + " reads of " + name
                        + " differ after the upgrade; first ones:\n" + String.join("\n",
                        outcome.mismatches().subList(0, Math.min(UpgradeComparison.SHOWN, outcome.mismatches().size()))))
                .isEmpty();
    }

    @AfterAll
    static void printSummary() {
        System.out.printf("UpgradeReferenceTablesTest: %d reference tables upgraded, %d as-of probes compared (%d rows per side)%n",
                TABLES.get(), PROBES.get(), ROWS.get());
    }
}
