package io.azof.examples;

import io.azof.core.Table;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.HadoopStorage;
import io.azof.core.io.Storage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.LegacyTableUpgrade;
import io.azof.core.maintenance.TableHistory;
import io.azof.core.maintenance.Vacuum;
import io.azof.core.maintenance.ValidationReport;
import io.azof.core.maintenance.VersionExpiry;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.AsOf;
import io.azof.core.time.Micros;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * format-core's Java API without Spark: one {@link Table}, reads through scans, every change an operation ending in
 * {@code commit()}. Creates a table of sensor readings, appends (a late reading, a delete, a retried write), reads as
 * of event times and versions, changes the schema, compacts, validates, expires and vacuums, and upgrades the azof
 * 0.2.1 table {@code test-data/prices}.
 *
 * <p>Usage: {@code CoreApiTour [testDataDir]}; its tables go to a new temporary directory. From the repository root:
 * {@code mvn -q -Prun-example -DskipTests package -Dexample=CoreApiTour}.
 */
public final class CoreApiTour {
    /** The table's columns. */
    static final StructType SCHEMA = StructType.of(
            new StructField("sensor", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("celsius", PrimitiveType.DOUBLE, true));
    /**
     * What the appends bring: the table's columns and a delete flag (option deleteColumn), which is not stored. Rows are
     * {@code Object[]} laid out as this schema; a timestamp is epoch microseconds, a double a Double.
     */
    static final StructType READINGS = StructType.of(SCHEMA.field(0), SCHEMA.field(1), SCHEMA.field(2),
            new StructField("removed", PrimitiveType.BOOLEAN, true));

    private CoreApiTour() {
    }

    public static void main(String[] args) throws IOException {
        Path testData = Path.of(args.length > 0 ? args[0] : "test-data").toAbsolutePath();
        Path dir = Files.createTempDirectory("azof-core-api-tour");
        new Tour(HadoopStorage.withDefaults(), dir.resolve("readings").toUri().toString(), testData.resolve("prices").toUri().toString(),
                dir.resolve("prices_v2").toUri().toString()).run();
    }

    /**
     * What the tour read, for its test.
     *
     * @param answers sensor -> celsius, by what was asked ("current", "2024-01-20 at version 2", ...)
     * @param upgradedAnswers ticker -> price of the upgraded table and of its azof 0.2.1 source, by as-of time
     */
    record Findings(Map<String, Map<String, Double>> answers, CompactionResult compaction, Map<String, Map<String, Double>> afterCompaction,
                    List<String> operations, boolean valid, List<Long> expired, int vacuumable, boolean secondCreateRefused,
                    Map<String, List<Map<String, String>>> upgradedAnswers, long retriedVersion) {
    }

    record Tour(Storage storage, String table, String legacyPrices, String upgradedPrices) {

        Findings run() {
            Map<String, Map<String, Double>> answers = new LinkedHashMap<>();
            System.out.println("azof core API tour: table " + table);

            step("1. Table.create: version 1, empty, with the key, event-time column and layout it will keep.");
            Table readings = Table.create(storage, table, TableDefinition.create(List.of("sensor"), "at", SCHEMA, SegmentGranularity.MONTH, 1));
            System.out.println("   version " + readings.latestVersion() + ", " + readings.latestSnapshot().table().properties());

            step("2. newAppend: January readings; the column 'removed' deletes a sensor when true (deleteColumn).");
            append(readings, "jan", row("boiler", "2024-01-05", 61.0), row("boiler", "2024-01-25", 63.0), row("cellar", "2024-01-10", 11.0));
            answers.put("current", show("current", readings, AsOf.current(), null));

            step("3. A late reading: the boiler's of January 15th arrives after January 25th was written.");
            append(readings, "jan-15", row("boiler", "2024-01-15", 62.0));
            answers.put("2024-01-20", show("as of 2024-01-20", readings, at("2024-01-20"), null));
            answers.put("2024-01-20 at version 2", show("as of 2024-01-20, as known at version 2", readings, at("2024-01-20"), 2L));

            step("4. A delete: the cellar sensor is removed on February 1st.");
            append(readings, "remove-cellar", new Object[] {"cellar", t("2024-02-01"), null, true});
            answers.put("2024-01-31", show("as of 2024-01-31", readings, at("2024-01-31"), null));
            answers.put("2024-02-02", show("as of 2024-02-02", readings, at("2024-02-02"), null));

            step("5. The same write retried with its writeId commits nothing.");
            long retried = append(readings, "remove-cellar", new Object[] {"cellar", t("2024-02-01"), null, true});

            step("6. alterSchema: a new column; files written before read it as null.");
            readings.alterSchema().change(SchemaChange.AddColumn.nullable("humidity", PrimitiveType.DOUBLE)).commit();
            System.out.println("   payload columns now " + readings.latestSnapshot().table().payloadColumns());

            step("7. newCompaction: a base at each month start a read there would merge 2 files for; no answer changes.");
            CompactionResult compaction = readings.newCompaction(CompactionPolicy.defaults().withMinFilesToMerge(2)).commit();
            System.out.println("   " + compaction);
            Map<String, Map<String, Double>> afterCompaction = new LinkedHashMap<>();
            for (String asOf : List.of("2024-01-20", "2024-01-31", "2024-02-02")) {
                afterCompaction.put(asOf, show("as of " + asOf, readings, at(asOf), null));
            }

            step("8. history, detail and validate read metadata (validate also each file's footer); nothing changes.");
            List<String> operations = new ArrayList<>();
            for (TableHistory.VersionInfo version : readings.history()) {
                operations.add(version.operation());
                System.out.printf("   version %d  %-8s write id %s, %d rows added%n", version.version(), version.operation(),
                        version.writeId(), version.rowsAdded());
            }
            System.out.println("   " + readings.detail().deltaFiles() + " delta files, " + readings.detail().baseFiles() + " base files");
            ValidationReport report = readings.validate();
            System.out.println("   validate: " + (report.isValid() ? "valid" : report));

            step("9. expireVersions keeps the last 2; vacuum (a dry run, no retention) lists files no retained version reads: no data"
                    + " file, as the retained versions still read every delta, only manifests (metadata/) that expired versions alone named.");
            VersionExpiry.Result expired = readings.expireVersions().retainLast(2).commit();
            System.out.println("   expired versions " + expired.expiredVersions());
            Vacuum.Result vacuum = readings.vacuum().retention(Duration.ZERO).allowShortRetention().dryRun().commit();
            int vacuumableData = (int) vacuum.files().stream().filter(file -> file.path().startsWith("data/")).count();
            System.out.println("   vacuum would delete " + vacuumableData + " data files and " + (vacuum.files().size() - vacuumableData)
                    + " manifests");

            step("10. newCreate writes a first version only: where a table is, it fails and commits nothing.");
            boolean refused = false;
            try {
                readings.newCreate().rows(READINGS, List.<Object[]>of(row("roof", "2024-01-01", 1.0))).commit();
            } catch (TableAlreadyExistsException e) {
                refused = true;
                System.out.println("   " + e.getMessage());
            }

            step("11. newUpgrade: the azof 0.2.1 table test-data/prices as version 1 of a new table; both answer alike.");
            Table legacy = Table.forPath(storage, legacyPrices);
            LegacyTableUpgrade.Result upgrade = legacy.newUpgrade(Table.forPath(storage, upgradedPrices)).commit();
            System.out.println("   " + upgrade.records() + " records of " + upgrade.keys() + " keys into " + upgrade.target());
            Map<String, List<Map<String, String>>> upgradedAnswers = new LinkedHashMap<>();
            for (String asOf : List.of("2024-06-04T16:00:00Z", "current")) {
                AsOf time = asOf.equals("current") ? AsOf.current() : AsOf.eventTime(Instant.parse(asOf));
                Map<String, String> source = prices(legacy, time);
                Map<String, String> target = prices(Table.forPath(storage, upgradedPrices), time);
                System.out.println("   as of " + asOf + ": source " + source + ", upgraded " + target);
                upgradedAnswers.put(asOf, List.of(source, target));
            }
            return new Findings(answers, compaction, afterCompaction, operations, report.isValid(), expired.expiredVersions(),
                    vacuumableData, refused, upgradedAnswers, retried);
        }

        /** Appends with a write id: the table remembers it, so the same write retried commits nothing. */
        private static long append(Table table, String writeId, Object[]... rows) {
            var result = table.newAppend().deleteColumn("removed").writeId(writeId).rows(READINGS, List.of(rows)).commit();
            System.out.println("   " + writeId + ": " + (result.skipped() ? "skipped, already committed at version " : "version ")
                    + result.version());
            return result.version();
        }

        /** sensor -> celsius as of {@code asOf}, at {@code version} (null: the latest); rows are key, event time, celsius. */
        private static Map<String, Double> show(String title, Table table, AsOf asOf, Long version) {
            var scan = table.newScan().asOf(asOf).select(List.of("celsius"));
            if (version != null) {
                scan.atVersion(version);
            }
            Map<String, Double> answer = new TreeMap<>();
            try (CloseableIterator<Object[]> rows = scan.rows()) {
                rows.forEachRemaining(row -> answer.put((String) row[0], (Double) row[2]));
            }
            System.out.println("   -- " + title + ": " + answer);
            return answer;
        }

        /** ticker -> price (a string in this azof 0.2.1 table). */
        private static Map<String, String> prices(Table table, AsOf asOf) {
            Map<String, String> answer = new TreeMap<>();
            try (CloseableIterator<Object[]> rows = table.newScan().asOf(asOf).select(List.of("price")).rows()) {
                rows.forEachRemaining(row -> answer.put((String) row[0], (String) row[2]));
            }
            return answer;
        }

        private static Object[] row(String sensor, String day, double celsius) {
            return new Object[] {sensor, t(day), celsius, false};
        }

        private static long t(String day) {
            return Micros.of(Instant.parse(day + "T00:00:00Z"));
        }

        private static AsOf at(String day) {
            return AsOf.eventTime(t(day));
        }

        private static void step(String text) {
            System.out.println();
            System.out.println(text);
        }
    }
}
