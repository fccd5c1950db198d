package io.azof.cli;

import static io.azof.core.testing.TestTables.localStorage;
import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.EventHistory;
import io.azof.core.testing.LegacyLayout;
import io.azof.core.testing.LegacyTableWriter;
import io.azof.core.testing.PricesTable;
import io.azof.core.testing.ReferenceTables;
import io.azof.core.time.AsOf;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code azof upgrade} end to end, on azof 0.2.1's reference table0 (read in place) and on hand-made tables. */
class UpgradeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int upgrade(String... args) {
        CommandLine commandLine = AzofCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("upgrade"));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    /** Rows as of {@code asOf} through the core, every payload column, sorted by key. */
    private static List<List<Object>> read(Path table, AsOf asOf) throws IOException {
        TableStorage storage = localStorage(table);
        Snapshot snapshot = Table.forStorage(storage).latestSnapshot();
        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> it = Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(asOf).select(snapshot.table().payloadColumns()).rows()) {
            it.forEachRemaining(row -> rows.add(Arrays.asList(row)));
        }
        rows.sort(Comparator.comparing(row -> (String) row.get(0)));
        return rows;
    }

    @Test
    void upgradesTable0AndPrintsWhatItWrote() throws IOException {
        Path source = ReferenceTables.table("table0");
        Path target = dir.resolve("table0-v2");

        int exitCode = upgrade(source.toString(), target.toString(), "--segment-granularity", "Quarter", "--buckets", "2");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        // table0: base 1@01-01, 2@01-01; delta 3@03-10, 2@02-20, 1@02-01 -> 5 records of 3 keys, no repeats.
        assertThat(out.toString().lines()).containsExactly(
                "Upgraded " + localStorage(source.toAbsolutePath().normalize()).tableLocation() + " (azof 0.2.1, version 1) to "
                        + localStorage(target.toAbsolutePath().normalize()).tableLocation(),
                "  read     5 rows from 2 data files",
                "  records  5 (one per key and event time; 0 repeated rows merged)",
                "  keys     3",
                "  files    " + Table.forStorage(localStorage(target)).latestSnapshot().commit().filesAdded() + " (segment granularity quarter, 2 buckets)",
                "  version  1");
        Snapshot written = Table.forStorage(localStorage(target)).latestSnapshot();
        assertThat(written.isLegacy()).isFalse();
        assertThat(written.version()).isEqualTo(1);
        assertThat(written.table().buckets()).isEqualTo(2);
        for (AsOf asOf : List.of(AsOf.current(), AsOf.eventTime(micros("2024-02-17T00:00:00Z")), AsOf.eventTime(micros("2024-02-01T00:00:00Z")),
                AsOf.eventTime(micros("2024-02-01T00:00:00Z") - 1), AsOf.eventTime(micros("2023-12-31T00:00:00Z")))) {
            assertThat(read(target, asOf)).as("as of %s", asOf).isEqualTo(read(source, asOf));
        }
        assertThat(read(target, AsOf.current())).extracting(row -> row.get(0) + "=" + row.get(2)).containsExactly("1=abc2", "2=xyz2", "3=www2");
        assertThat(target.toFile().list()).noneMatch(name -> name.endsWith(".crc"));
    }

    @Test
    void defaultsAreMonthAndFourBucketsAndUrisAreAccepted() throws IOException {
        Path target = dir.resolve("t");

        int exitCode = upgrade(uri(ReferenceTables.table("table1")), uri(target));

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString()).contains("  records  7 (", "segment granularity month, 4 buckets)", "  version  1");
        assertThat(Table.forStorage(localStorage(target)).latestSnapshot().table().buckets()).isEqualTo(4);
    }

    @Test
    void anExistingTargetFailsNamingItAndIsLeftAsItWas() throws IOException {
        Path target = dir.resolve("t");
        assertThat(upgrade(ReferenceTables.table("table0").toString(), target.toString())).isZero();

        int exitCode = upgrade(ReferenceTables.table("table2").toString(), target.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("azof upgrade: Target " + localStorage(target).tableLocation()
                + " already holds a table; an upgrade writes a new table, so give a location without one. Nothing was committed (Table "
                + localStorage(target).tableLocation() + " already exists (latest version 1)");
        assertThat(Files.exists(target.resolve("s2.json"))).isFalse();
    }

    @Test
    void aSourceThatIsNotAnAzof021TableFailsNamingIt() throws IOException {
        Path upgraded = dir.resolve("upgraded");
        assertThat(upgrade(ReferenceTables.table("table0").toString(), upgraded.toString())).isZero();
        Files.createDirectories(dir.resolve("empty"));

        assertThat(upgrade(upgraded.toString(), dir.resolve("again").toString())).isEqualTo(1);
        assertThat(upgrade(dir.resolve("empty").toString(), dir.resolve("again").toString())).isEqualTo(1);

        assertThat(err.toString().lines()).containsExactly(
                // An upgrade's target is a new table, and new tables are created at format version 3.
                "azof upgrade: Source " + localStorage(upgraded).tableLocation() + " is not an azof 0.2.1 table: it is a format version 3"
                        + " table (version 1), which already has the fast layout",
                "azof upgrade: Source " + localStorage(dir.resolve("empty")).tableLocation() + " is not an azof 0.2.1 table: No azof table at "
                        + localStorage(dir.resolve("empty")).tableLocation() + ": there is no snapshot file (s1.json, ...) and version.txt is"
                        + " missing or unreadable (" + localStorage(dir.resolve("empty")).location("version.txt") + ")");
        assertThat(Files.exists(dir.resolve("again"))).isFalse();
    }

    @Test
    void badOptionsFailBeforeAnythingIsWritten() {
        Path target = dir.resolve("t");

        assertThat(upgrade(ReferenceTables.table("table0").toString(), target.toString(), "--segment-granularity", "week")).isEqualTo(1);
        assertThat(upgrade(ReferenceTables.table("table0").toString(), target.toString(), "--buckets", "0")).isEqualTo(1);
        assertThat(upgrade(ReferenceTables.table("table0").toString())).isEqualTo(2);

        assertThat(err.toString()).contains(
                "azof upgrade: Invalid value for option '--segment-granularity': 'week'. Accepted values: day, month, quarter, year",
                "azof upgrade: Option 'buckets' must be between 1 and 4096, not 0",
                "Missing required parameter: '<target>'");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void warnsAboutWhatNoRewriteCanKeep() throws IOException {
        // One key with two different rows at the same time (base and delta disagree), one row older than the first segment.
        TableSchema schema = new TableSchema(List.of(new Column("value", ColumnType.STRING, true)));
        long feb1 = micros("2024-02-01T00:00:00Z");
        Segment segment = new Segment("2024", feb1, null, "base.parquet",
                List.of(new DeltaFile("delta.parquet", feb1, micros("2024-12-31T23:59:59.999Z"))), List.of());
        LegacyLayout layout = new LegacyLayout("conflicting", new EventHistory(schema, List.of()), new Snapshot(1, schema, List.of(segment)),
                Map.of("base.parquet", List.<Object[]>of(new Object[] {"a", feb1, "base"}, new Object[] {"old", micros("2023-06-01T00:00:00Z"), "x"}),
                        "delta.parquet", List.<Object[]>of(new Object[] {"a", feb1, "delta"})));
        Path source = dir.resolve("source");
        LegacyTableWriter.write(layout, localStorage(source));

        int exitCode = upgrade(source.toString(), dir.resolve("t").toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("  records  2 (one per key and event time; 1 repeated rows merged)", "  keys     2");
        assertThat(err.toString().lines()).containsExactly(
                "azof upgrade: warning: 1 key and event time pairs have different rows in the source; the new table keeps the row a read"
                        + " as of that event time returns, so later reads of those keys may differ from the source's until the key's next"
                        + " record:",
                "  key 'a' at 2024-02-01T00:00:00Z has different rows in [delta.parquet, base.parquet]; kept the row from delta.parquet",
                "azof upgrade: warning: 1 records have event times before the source's first segment starts (2024-02-01T00:00:00Z); the"
                        + " source returns nothing as of a time before that start, the new table shows them from their own event times");
        assertThat(read(dir.resolve("t"), AsOf.current())).containsExactly(
                List.of("a", feb1, "delta"), List.of("old", micros("2023-06-01T00:00:00Z"), "x"));
    }

    /** A format version 2 table of two versions, in a local directory. */
    private PricesTable formatVersion2Table(Path path) {
        PricesTable prices = new PricesTable(path, WriteOptions.append().withFormatVersion(2));
        prices.write(PricesTable.row("A", "2024-03-01", 10L), PricesTable.row("B", "2024-03-02", 20L));
        prices.write(PricesTable.row("A", "2024-04-01", 11L));
        return prices;
    }

    @Test
    void inPlaceUpgradesAFormatVersion2TableInOneCommitAndThenDoesNothing() throws IOException {
        Path path = dir.resolve("prices");
        PricesTable prices = formatVersion2Table(path);
        Map<String, Long> before = prices.read(AsOf.current(), VersionSelector.latest(), new io.azof.core.scan.ScanMetrics());

        assertThat(upgrade("--in-place", path.toString())).as(err.toString()).isZero();
        assertThat(upgrade("--in-place", uri(path))).as(err.toString()).isZero();

        String location = localStorage(path.toAbsolutePath().normalize()).tableLocation();
        assertThat(out.toString().lines()).containsExactly(
                "Upgraded " + location + " in place to format version 3 as version 3",
                "Table " + location + " is already at format version 3 (version 3); nothing was committed");
        assertThat(err.toString()).isEmpty();
        assertThat(prices.table.head(VersionSelector.latest()).table().formatVersion()).isEqualTo(3);
        assertThat(prices.table.head(VersionSelector.version(2)).table().formatVersion()).isEqualTo(2);
        assertThat(prices.table.latestVersion()).isEqualTo(3);
        assertThat(prices.read(AsOf.current(), VersionSelector.latest(), new io.azof.core.scan.ScanMetrics())).isEqualTo(before);
        assertThat(Files.list(path.resolve("metadata")).map(p -> p.getFileName().toString())).isNotEmpty().allMatch(n -> n.endsWith(".json"));
    }

    @Test
    void inPlaceRefusesMissingAndAzof021TablesAndOptionsThatDoNotApply() throws IOException {
        Path path = dir.resolve("prices");
        formatVersion2Table(path);
        Files.createDirectories(dir.resolve("empty"));
        String legacy = localStorage(ReferenceTables.table("table0").toAbsolutePath().normalize()).tableLocation();

        assertThat(upgrade("--in-place", dir.resolve("empty").toString())).isEqualTo(1);
        assertThat(upgrade("--in-place", ReferenceTables.table("table0").toString())).isEqualTo(1);
        assertThat(upgrade("--in-place", path.toString(), dir.resolve("t").toString())).isEqualTo(2);
        assertThat(upgrade("--in-place", path.toString(), "--buckets", "2")).isEqualTo(2);

        assertThat(out.toString()).isEmpty();
        // The usage errors (exit 2) are followed by picocli's usage text.
        List<String> lines = err.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("azof upgrade: No azof table at " + localStorage(dir.resolve("empty")).tableLocation());
        assertThat(lines.get(1)).isEqualTo("azof upgrade: Table " + legacy + " was written by azof 0.2.1, which is not upgraded in place:"
                + " upgrade it to a new table (azof upgrade <source> <target>, or Table.newUpgrade in Java), which is written at the newest"
                + " format version. Nothing was changed");
        assertThat(lines.get(2)).isEqualTo("--in-place upgrades <source> itself; give no <target> (got '" + dir.resolve("t") + "')");
        assertThat(lines).contains("--buckets does not apply to --in-place, which keeps the table's data files and their layout as"
                + " they are");
        assertThat(Table.forStorage(localStorage(path)).latestVersion()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("t"))).isFalse();
    }
}
