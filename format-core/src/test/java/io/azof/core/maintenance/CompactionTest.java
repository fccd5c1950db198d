package io.azof.core.maintenance;

import static io.azof.core.testing.PricesTable.delete;
import static io.azof.core.testing.PricesTable.row;
import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.CompactOperation;
import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.testing.PricesTable;
import io.azof.core.testing.ReferenceTables;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction on hand-made histories whose answers are worked out in the comments; the property model covers random ones. */
class CompactionTest {
    private static final StructType INPUT = PricesTable.INPUT;
    private static final CompactionPolicy EVERY_SEGMENT = CompactionPolicy.defaults().withMinFilesToMerge(2);

    @TempDir
    Path dir;
    PricesTable prices;
    TableStorage storage;

    @BeforeEach
    void setUp() {
        // Monthly segments, one bucket: file counts are per month.
        prices = new PricesTable(dir, WriteOptions.append().withLayout(SegmentGranularity.MONTH, 1));
        storage = prices.storage;
    }

    private void write(Object[]... rows) {
        prices.write(rows);
    }

    private Map<String, Long> read(String day) {
        return prices.read(day);
    }

    private Map<String, Long> read(AsOf asOf, VersionSelector version, ScanMetrics metrics) {
        return prices.read(asOf, version, metrics);
    }

    private Snapshot latest() {
        return Table.forStorage(storage).latestSnapshot();
    }

    private static List<BaseFile> bases(Snapshot snapshot) {
        return snapshot.segments().stream().flatMap(s -> s.bases().stream()).toList();
    }

    /** Twelve monthly appends of the same three tickers, price = 10 * month + ticker number. */
    private void twelveMonths() {
        for (int month = 1; month <= 12; month++) {
            String day = String.format("2024-%02d-15", month);
            write(row("A", day, 10L * month + 1), row("B", day, 10L * month + 2), row("C", day, 10L * month + 3));
        }
    }

    @Test
    void deleteSurvivesCompactionSoALateOlderRowStaysShadowed() {
        write(row("ACME", "2024-01-05", 10L));
        write(delete("ACME", "2024-01-20"));
        write(row("ZETA", "2024-02-10", 1L));
        CompactionResult result = Table.forStorage(storage).newCompaction(EVERY_SEGMENT).commit();
        assertThat(result.committed()).isTrue();
        // The February base holds ACME's winner before February: its delete of January 20th.
        BaseFile february = bases(latest()).get(0);
        assertThat(february.stats().deletes()).isEqualTo(1);

        // A late upsert from January 10th, before the delete: as of February the delete still wins.
        write(row("ACME", "2024-01-10", 11L));
        assertThat(read("2024-02-15")).isEqualTo(Map.of("ZETA", 1L));
        assertThat(read("2024-01-15")).isEqualTo(Map.of("ACME", 11L));
        // A late upsert after the delete brings ACME back from then on.
        write(row("ACME", "2024-01-25", 12L));
        assertThat(read("2024-02-15")).isEqualTo(Map.of("ACME", 12L, "ZETA", 1L));
    }

    @Test
    void readsAfterCompactionOpenFewerFilesAndRowsAndAnswerTheSame() {
        twelveMonths();
        Map<String, Long> before = read(AsOf.eventTime(startOfDayMicros("2024-12-31")), VersionSelector.latest(), new ScanMetrics());
        ScanMetrics beforeMetrics = new ScanMetrics();
        read(AsOf.eventTime(startOfDayMicros("2024-12-31")), VersionSelector.latest(), beforeMetrics);

        CompactionResult result = Table.forStorage(storage).newCompaction(EVERY_SEGMENT).commit();

        // Every month from March on gets a base: a read at March 1st would merge January's and February's files,
        // and from April on the previous month's base and that month's file.
        assertThat(result.basesWritten()).isEqualTo(10);
        ScanMetrics after = new ScanMetrics();
        assertThat(read(AsOf.eventTime(startOfDayMicros("2024-12-31")), VersionSelector.latest(), after)).isEqualTo(before)
                .isEqualTo(Map.of("A", 121L, "B", 122L, "C", 123L));
        // Before: 12 monthly files, 36 rows. After: December's base (3 rows) and December's file (3 rows).
        assertThat(beforeMetrics.baseFilesOpened() + beforeMetrics.deltaFilesOpened()).isEqualTo(12);
        assertThat(beforeMetrics.rowsRead()).isEqualTo(36);
        assertThat(after.baseFilesOpened()).isEqualTo(1);
        assertThat(after.deltaFilesOpened()).isEqualTo(1);
        assertThat(after.rowsRead()).isEqualTo(6);
        // Every month still answers as it did, and the version before the compaction reads its own files.
        for (int month = 1; month <= 12; month++) {
            String day = String.format("2024-%02d-20", month);
            assertThat(read(day)).isEqualTo(Map.of("A", 10L * month + 1, "B", 10L * month + 2, "C", 10L * month + 3));
        }
        assertThat(bases(Table.forStorage(storage).snapshot(12))).isEmpty();
        assertThat(latest().commit().operation()).isEqualTo("compact");
        assertThat(latest().commit().rowsAdded()).isEqualTo(30);
    }

    @Test
    void policyThresholdDecidesWhereBasesGo() {
        twelveMonths();
        Table.forStorage(storage).newCompaction(CompactionPolicy.defaults()).commit();

        // With 4: a read at May 1st merges January to April (4 files): base at May. Then May's base and May to July
        // make 4 at August, and likewise November.
        List<String> months = latest().segments().stream().filter(s -> !s.bases().isEmpty()).map(Segment::id).toList();
        assertThat(months).containsExactly("2024-05", "2024-08", "2024-11");
        ScanMetrics december = new ScanMetrics();
        read(AsOf.eventTime(startOfDayMicros("2024-12-31")), VersionSelector.latest(), december);
        assertThat(december.baseFilesOpened() + december.deltaFilesOpened()).isEqualTo(3);
    }

    @Test
    void nothingToDoCommitsNoVersion() {
        twelveMonths();
        Table.forStorage(storage).newCompaction(EVERY_SEGMENT).commit();
        long version = latest().version();

        CompactionResult again = Table.forStorage(storage).newCompaction(EVERY_SEGMENT).commit();

        assertThat(again.committed()).isFalse();
        assertThat(latest().version()).isEqualTo(version);
    }

    @Test
    void eventTimeRangeAndBaseGranularityLimitTheWork() {
        twelveMonths();
        Table.forStorage(storage).newCompaction(EVERY_SEGMENT.withEventTimeRange(startOfDayMicros("2024-06-01"), startOfDayMicros("2024-09-01"))).commit();
        assertThat(latest().segments().stream().filter(s -> !s.bases().isEmpty()).map(Segment::id))
                .containsExactly("2024-06", "2024-07", "2024-08");

        write(row("A", "2025-03-01", 1L));
        Table.forStorage(storage).newCompaction(EVERY_SEGMENT.withBaseGranularity(SegmentGranularity.YEAR)).commit();
        // Only January starts a year: 2025-03 holds data but is not a year start.
        assertThat(latest().segments().stream().filter(s -> !s.bases().isEmpty()).map(Segment::id))
                .containsExactly("2024-06", "2024-07", "2024-08");
    }

    @Test
    void smallTargetSplitsABaseIntoSortedFilesThatReadTheSame() {
        twelveMonths();
        Table.forStorage(storage).newCompaction(EVERY_SEGMENT.withTargetFileBytes(1)).commit();

        Segment december = latest().segments().get(11);
        // One key per file: the size check comes after each key.
        assertThat(december.bases()).hasSize(3);
        assertThat(december.bases().stream().map(b -> (String) b.stats().minKey()[0])).containsExactly("A", "B", "C");
        assertThat(read("2024-12-31")).isEqualTo(Map.of("A", 121L, "B", 122L, "C", 123L));
    }

    @Test
    void lateRowsPileUpUntilTheBaseIsRebuiltAndTheOldVersionKeepsItsBase() {
        twelveMonths();
        Table.forStorage(storage).newCompaction(EVERY_SEGMENT).commit();
        long compacted = latest().version();
        String oldDecemberBase = latest().segments().get(11).bases().get(0).file();
        // Corrections for March, two writes: a read in December merges its base, two late files and December's.
        write(row("A", "2024-03-20", 999L));
        write(row("B", "2024-03-21", 998L));
        assertThat(read("2024-12-31")).isEqualTo(Map.of("A", 121L, "B", 122L, "C", 123L));
        assertThat(read("2024-03-25")).isEqualTo(Map.of("A", 999L, "B", 998L, "C", 33L));

        CompactionResult rebuilt = Table.forStorage(storage).newCompaction(EVERY_SEGMENT).commit();

        // From April on, each month's base plus the two late files made 3 files: every base from April is rebuilt.
        assertThat(rebuilt.basesReplaced()).isEqualTo(9);
        assertThat(latest().segments().get(11).bases()).extracting(BaseFile::file).doesNotContain(oldDecemberBase);
        assertThat(read("2024-03-25")).isEqualTo(Map.of("A", 999L, "B", 998L, "C", 33L));
        assertThat(read("2024-04-20")).isEqualTo(Map.of("A", 41L, "B", 42L, "C", 43L));
        List<PlannedFile> december = VersionedPlanner.plan(latest(), AsOf.eventTime(startOfDayMicros("2024-12-31")), ScanFilter.none());
        assertThat(december).extracting(PlannedFile::role).containsExactlyInAnyOrder(FileRole.BASE, FileRole.DELTA);
        assertThat(bases(Table.forStorage(storage).snapshot(compacted)))
                .extracting(BaseFile::file).contains(oldDecemberBase);
    }

    @Test
    void appendCommittedDuringACompactionIsReadBesideItsBases() {
        twelveMonths();
        CompactOperation compaction = Table.forStorage(storage).newCompaction(EVERY_SEGMENT);
        List<NewDataFile> built = new ArrayList<>();
        compaction.plan().tasks().forEach(task -> built.addAll(task.build(storage)));
        // Another writer adds a late row for June while the bases are being built.
        write(row("C", "2024-06-20", 777L));

        CompactionResult result = compaction.addFiles(built).commit();

        assertThat(result.version()).isEqualTo(14);
        assertThat(bases(latest())).allMatch(base -> base.coversVersion() == 12);
        assertThat(read("2024-06-25")).isEqualTo(Map.of("A", 61L, "B", 62L, "C", 777L));
        assertThat(read("2024-07-01")).isEqualTo(Map.of("A", 61L, "B", 62L, "C", 777L));
        assertThat(read("2024-07-20")).isEqualTo(Map.of("A", 71L, "B", 72L, "C", 73L));
    }

    @Test
    void overwriteCommittedDuringACompactionMakesItConflict() {
        twelveMonths();
        CompactOperation compaction = Table.forStorage(storage).newCompaction(EVERY_SEGMENT);
        List<NewDataFile> built = new ArrayList<>();
        compaction.plan().tasks().forEach(task -> built.addAll(task.build(storage)));
        prices.write(prices.options().withMode(WriteOptions.Mode.OVERWRITE), row("Z", "2024-01-01", 1L));

        assertThatThrownBy(() -> compaction.addFiles(built).commit())
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("12").hasMessageContaining("13");
        assertThat(latest().version()).isEqualTo(13);
        assertThat(read("2024-12-31")).isEqualTo(Map.of("Z", 1L));
    }

    @Test
    void policyRejectsSettingsThatMeanNothing() {
        assertThatThrownBy(() -> CompactionPolicy.defaults().withMinFilesToMerge(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minFilesToMerge");
        assertThatThrownBy(() -> CompactionPolicy.defaults().withTargetFileBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetFileBytes");
        assertThatThrownBy(() -> CompactionPolicy.defaults().withEventTimeRange(5L, 5L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void azof021TablesAreRefusedWithTheWayOut() throws java.io.IOException {
        Path table = ReferenceTables.table("table0");
        TableStorage legacy = TestTables.localStorage(table);

        assertThatThrownBy(() -> Table.forStorage(legacy).newCompaction(CompactionPolicy.defaults()).commit())
                .isInstanceOf(AzofException.class).hasMessageContaining("azof 0.2.1").hasMessageContaining("azof upgrade");
    }
}
