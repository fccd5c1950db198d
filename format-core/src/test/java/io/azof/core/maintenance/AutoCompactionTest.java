package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.testing.ForwardingStorage;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.VersionedModel;
import io.azof.core.time.AsOf;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.io.OutputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compaction after writes (SPEC section 6.8): the table properties {@code autoCompact} and {@code autoCompact.maxRuns},
 * the trigger (a read of the newest data would merge more than maxRuns files of a bucket), the separate commit it
 * makes, and that it never changes an answer nor fails the write it follows.
 */
class AutoCompactionTest {
    private static final Instant FIRST_COMMIT = Instant.parse("2024-02-01T00:00:00Z");
    private static final WriteOptions ON = SmallTable.OPTIONS.withAutoCompaction(AutoCompaction.defaults());

    private final VersionedModel model = new VersionedModel();
    private TemporaryDirectory dir;
    private int appends;

    @BeforeEach
    void setUp() throws IOException {
        dir = TestFiles.temporaryDirectory("azof-auto-compaction-");
    }

    @AfterEach
    void tearDown() throws IOException {
        dir.close();
    }

    /** Appends three rows of January (one per key, days moving with the append) and returns the version committed. */
    private long append(SmallTable table, WriteOptions options) {
        appends++;
        List<Object[]> rows = new ArrayList<>();
        List<VersionedModel.Row> modelRows = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            String day = "2024-01-%02d".formatted(1 + (appends * 7 + id.charAt(0)) % 28);
            long value = appends * 10L + id.charAt(0) - 'a';
            rows.add(SmallTable.row(id, day, value));
            modelRows.add(new VersionedModel.Row(List.of(id), startOfDayMicros(day), List.of(value), false));
        }
        long version = table.write(FIRST_COMMIT.plus(Duration.ofHours(appends)), options, rows.toArray(Object[][]::new)).version();
        assertThat(model.commit(false, modelRows, null, 0)).isEqualTo(version);
        // The versions the write's compaction committed after it hold the same records.
        while (model.latestVersion() < table.table().latestVersion()) {
            assertThat(table.table().snapshot(model.latestVersion() + 1).commit().operation()).isEqualTo(CommitInfo.COMPACT);
            model.commit(false, List.of(), null, 0);
        }
        return version;
    }

    private static Map<String, Long> read(Table table, String day, long version, ScanMetrics metrics) {
        Map<String, Long> result = new TreeMap<>();
        try (var rows = table.newScan().atVersion(VersionSelector.version(version)).asOf(AsOf.eventTime(startOfDayMicros(day)))
                .select(List.of("value")).rows(metrics)) {
            rows.forEachRemaining(r -> result.put((String) r[0], (Long) r[2]));
        }
        return result;
    }

    private void everyReadAnswersAsTheModel(Table table) {
        for (long version = 1; version <= model.latestVersion(); version++) {
            for (String day : List.of("2024-01-05", "2024-01-15", "2024-01-25", "2024-02-01")) {
                Map<String, Long> expected = new TreeMap<>();
                model.state(startOfDayMicros(day), version).forEach((key, row) -> expected.put((String) key.get(0), (Long) row.payload().get(0)));
                assertThat(read(table, day, version, new ScanMetrics())).as("as of %s at version %d", day, version).isEqualTo(expected);
            }
        }
    }

    private static List<String> operations(Table table) {
        List<String> newestFirst = new ArrayList<>(table.history().stream().map(TableHistory.VersionInfo::operation).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static long deltasReadNow(Table table) {
        ScanMetrics metrics = new ScanMetrics();
        read(table, "2024-02-01", table.latestVersion(), metrics);
        return metrics.deltaFilesOpened() + metrics.baseFilesOpened();
    }

    @Test
    void theWriteThatMakesAReadMergeMoreThanMaxRunsCompactsInACommitOfItsOwn() {
        SmallTable table = new SmallTable(dir.path());
        for (int i = 1; i <= 8; i++) {
            assertThat(append(table, ON)).isEqualTo(i);
            assertThat(table.table().latestVersion()).as("a read merges %d files: no compaction", i).isEqualTo(i);
        }
        assertThat(append(table, ON)).isEqualTo(9);
        assertThat(table.table().latestVersion()).as("a read would merge 9 files: a compaction follows").isEqualTo(10);
        assertThat(operations(table.table())).containsExactly("create", "append", "append", "append", "append", "append", "append", "append",
                "append", "compact");
        assertThat(deltasReadNow(table.table())).isEqualTo(1);
        everyReadAnswersAsTheModel(table.table());
        assertThat(table.table().validate(true).problems()).isEmpty();

        // Seven more: the merged run and seven new deltas, not more than maxRuns; the next one compacts again.
        for (int i = 0; i < 7; i++) {
            append(table, ON);
        }
        assertThat(table.table().latestVersion()).isEqualTo(17);
        append(table, ON);
        assertThat(table.table().latestVersion()).isEqualTo(19);
        assertThat(deltasReadNow(table.table())).isLessThanOrEqualTo(AutoCompaction.DEFAULT_MAX_RUNS);
        everyReadAnswersAsTheModel(table.table());
    }

    @Test
    void maxRunsIsATablePropertySetAtCreation() {
        SmallTable table = new SmallTable(dir.path());
        WriteOptions three = SmallTable.OPTIONS.withAutoCompaction(AutoCompaction.defaults().withMaxRuns(3));
        for (int i = 1; i <= 3; i++) {
            append(table, three);
        }
        assertThat(table.table().latestVersion()).isEqualTo(3);
        append(table, three);
        assertThat(table.table().latestVersion()).isEqualTo(5);
        assertThat(table.table().latestSnapshot().table().properties()).containsEntry("autoCompact", "true").containsEntry("autoCompact.maxRuns", "3");
        // A write that asks for other settings than the table's is refused, naming the property: they are changed with
        // updateProperties (ALTER TABLE ... SET TBLPROPERTIES), not by a write.
        assertThatThrownBy(() -> table.write(FIRST_COMMIT.plus(Duration.ofDays(1)), ON, SmallTable.row("a", "2024-01-02", 1)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("autoCompact.maxRuns");
        assertThat(table.table().latestVersion()).isEqualTo(5);
        everyReadAnswersAsTheModel(table.table());
    }

    @Test
    void theOffSwitchLeavesCompactionToWhoeverSchedulesItAndTurnsBackOn() {
        SmallTable table = new SmallTable(dir.path());
        append(table, ON);
        Table api = table.table();
        assertThat(api.updateProperties().set("autoCompact", "false").commit().version()).isEqualTo(2);
        model.commit(false, List.of(), null, 0);
        assertThat(api.latestSnapshot().commit().operation()).isEqualTo(CommitInfo.ALTER);
        assertThat(api.latestSnapshot().table().autoCompaction().enabled()).isFalse();
        WriteOptions off = SmallTable.OPTIONS;
        for (int i = 0; i < 12; i++) {
            append(table, off);
        }
        assertThat(api.latestVersion()).as("twelve appends, no compaction").isEqualTo(14);
        assertThat(deltasReadNow(api)).isEqualTo(13);

        // Property names are case-insensitive, as in Spark; an unchanged value commits nothing.
        assertThat(api.updateProperties().set("AUTOCOMPACT", "false").commit().version()).isEqualTo(14);
        assertThat(api.updateProperties().unset("autoCompact").commit().version()).isEqualTo(15);
        model.commit(false, List.of(), null, 0);
        append(table, ON);
        assertThat(api.latestVersion()).as("the next append compacts the fourteen deltas").isEqualTo(17);
        assertThat(deltasReadNow(api)).isEqualTo(1);
        everyReadAnswersAsTheModel(api);
        assertThat(api.validate(true).problems()).as("alters that change autoCompact are valid").isEmpty();
    }

    @Test
    void propertiesThatCannotChangeAndBadValuesAreRefusedNamingThem() {
        SmallTable table = new SmallTable(dir.path());
        append(table, ON);
        Table api = table.table();
        assertThatThrownBy(() -> api.updateProperties().set("segmentGranularity", "DAY"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'segmentGranularity'")
                .hasMessageContaining("cannot change")
                .hasMessageContaining("autoCompact, autoCompact.maxRuns");
        assertThatThrownBy(() -> api.updateProperties().set("colour", "red"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'colour'")
                .hasMessageContaining("not an azof table property");
        assertThatThrownBy(() -> api.updateProperties().set("autoCompact.maxRuns", "1").commit())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("autoCompact.maxRuns")
                .hasMessageContaining("1");
        assertThatThrownBy(() -> api.updateProperties().set("autoCompact", "sometimes").commit())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("autoCompact")
                .hasMessageContaining("sometimes");
        assertThat(api.latestVersion()).isEqualTo(1);
        assertThat(api.latestSnapshot().table().autoCompaction()).isEqualTo(AutoCompaction.defaults());
    }

    /**
     * A property change committed while an append is in flight does not make the append fail: the append commits after
     * it, over the new settings, and the settings stay changed.
     */
    @Test
    void aPropertyChangeCommittedDuringAnAppendDoesNotConflictWithIt() {
        Path location = dir.path();
        new SmallTable(location).write(FIRST_COMMIT, ON, SmallTable.row("a", "2024-01-02", 1));
        Table other = TestTables.localTable(location);
        AtomicInteger snapshotsCreated = new AtomicInteger();
        TableStorage racing = new ForwardingStorage(TestTables.localStorage(location)) {
            @Override
            public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
                if (MetadataFiles.versionOf(relativePath) > 0 && snapshotsCreated.getAndIncrement() == 0) {
                    other.updateProperties().set(TableDefinition.AUTO_COMPACT_MAX_RUNS, "5").commit();
                }
                return super.createIfAbsent(relativePath, content);
            }
        };
        SmallTable appender = new SmallTable(location, racing);
        assertThat(appender.write(FIRST_COMMIT.plusSeconds(60), ON, SmallTable.row("b", "2024-01-03", 2)).version()).isEqualTo(3);
        assertThat(operations(other)).containsExactly("create", "alter", "append");
        assertThat(other.latestSnapshot().table().autoCompaction().maxRuns()).isEqualTo(5);
        assertThat(read(other, "2024-02-01", 3, new ScanMetrics())).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    /** A compaction after a write that fails, or that loses its race, leaves the write committed and the table valid. */
    @Test
    void aCompactionThatFailsOrLosesItsRaceNeverFailsTheWrite() {
        Path location = dir.path();
        WriteOptions two = SmallTable.OPTIONS.withAutoCompaction(AutoCompaction.defaults().withMaxRuns(2));
        SmallTable plain = new SmallTable(location);
        plain.write(FIRST_COMMIT, two, SmallTable.row("a", "2024-01-02", 1));
        plain.write(FIRST_COMMIT.plusSeconds(1), two, SmallTable.row("b", "2024-01-03", 2));
        // Writing the merged run fails: the third append is committed all the same.
        TableStorage failing = new ForwardingStorage(TestTables.localStorage(location)) {
            @Override
            public OutputFile outputFile(String relativePath) throws IOException {
                if (relativePath.contains("run-b")) {
                    throw new IOException("disk full (test) writing " + relativePath);
                }
                return super.outputFile(relativePath);
            }
        };
        assertThat(new SmallTable(location, failing).write(FIRST_COMMIT.plusSeconds(2), two, SmallTable.row("c", "2024-01-04", 3)).version())
                .isEqualTo(3);
        Table table = TestTables.localTable(location);
        assertThat(table.latestVersion()).isEqualTo(3);
        assertThat(table.validate(true).problems()).isEmpty();

        // An overwrite commits just before the compaction after the next append: the compaction conflicts with it, is
        // planned again over the overwrite and finds nothing to do; the append stands.
        AtomicInteger snapshotsCreated = new AtomicInteger();
        TableStorage racing = new ForwardingStorage(TestTables.localStorage(location)) {
            @Override
            public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
                if (MetadataFiles.versionOf(relativePath) > 0 && snapshotsCreated.getAndIncrement() > 0) {
                    plain.write(FIRST_COMMIT.plusSeconds(10 + snapshotsCreated.get()), two.withMode(WriteOptions.Mode.OVERWRITE),
                            SmallTable.row("x", "2024-01-05", 9), SmallTable.row("y", "2024-01-06", 9), SmallTable.row("z", "2024-01-07", 9));
                }
                return super.createIfAbsent(relativePath, content);
            }
        };
        long appended = new SmallTable(location, racing).write(FIRST_COMMIT.plusSeconds(3), two, SmallTable.row("d", "2024-01-08", 4)).version();
        assertThat(appended).isEqualTo(4);
        assertThat(operations(table).subList(0, 4)).containsExactly("create", "append", "append", "append");
        assertThat(table.latestSnapshot().commit().operation()).isNotEqualTo(CommitInfo.COMPACT);
        assertThat(table.validate(true).problems()).isEmpty();
    }
}
