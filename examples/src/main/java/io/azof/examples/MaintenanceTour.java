package io.azof.examples;

import io.azof.core.Table;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.io.HadoopStorage;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.Snapshot;
import io.azof.core.plan.PlannedFile;
import io.azof.core.time.AsOf;
import io.azof.spark.AzofTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A tour of maintenance with {@code AzofTable.forPath(spark, path)}: a year of monthly sensor readings with a late
 * correction and a delete, then history and detail, compaction (fewer files per as-of read, the same answers), a late
 * row after compaction, validation, version expiry and vacuum.
 *
 * <p>Usage: {@code MaintenanceTour [tableDir]}, the directory new or empty, defaulting to a new temporary directory.
 * From the repository root: {@code mvn -q -Prun-example -DskipTests package -Dexample=MaintenanceTour}.
 */
public final class MaintenanceTour {
    private static final StructType READINGS = new StructType()
            .add("sensor", DataTypes.StringType)
            .add("at", DataTypes.TimestampType)
            .add("celsius", DataTypes.DoubleType)
            .add("removed", DataTypes.BooleanType);
    private static final CompactionPolicy EVERY_SEGMENT = CompactionPolicy.defaults().withMinFilesToMerge(2);

    private MaintenanceTour() {
    }

    /** One sensor in the answer of an as-of read. */
    record Reading(String sensor, Instant at, double celsius) {
        @Override
        public String toString() {
            return String.format("%-6s %5.1f C  at %s", sensor, celsius, at);
        }
    }

    /** What the tour saw, for MaintenanceTourTest. Answers and file counts are per month, read as of its last day. */
    record Findings(Map<YearMonth, List<Reading>> beforeCompaction, Map<YearMonth, List<Reading>> afterCompaction,
                    List<Integer> filesBefore, List<Integer> filesAfterDefault, List<Integer> filesAfterEverySegment,
                    Map<YearMonth, List<Reading>> afterLateRow, CompactionResult recompaction, VersionExpiredException expiredRead,
                    List<String> vacuumed, Map<YearMonth, List<Reading>> afterVacuum) {
    }

    public static void main(String[] args) throws IOException {
        Path table = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("azof-maintenance-tour").resolve("readings");
        if (Files.isDirectory(table)) {
            try (var entries = Files.list(table)) {
                if (entries.findAny().isPresent()) {
                    System.err.println(table + " is not empty; give a new or empty directory for the tour's table.");
                    System.exit(2);
                }
            }
        }
        SparkSession spark = LocalSpark.start("azof maintenance tour");
        boolean answersKept = true;
        try {
            new Tour(spark, table.toString()).run();
        } catch (AnswersChanged e) {
            System.err.println("FAILED: " + e.getMessage());
            answersKept = false;
        } finally {
            spark.stop();
        }
        if (!answersKept) {
            System.exit(1);
        }
    }

    /** Maintenance must never change what a retained version answers; the tour stops when it does. */
    static final class AnswersChanged extends RuntimeException {
        AnswersChanged(String what, Map<YearMonth, List<Reading>> before, Map<YearMonth, List<Reading>> after) {
            super(what + " changed answers: " + before.keySet().stream()
                    .filter(month -> !before.get(month).equals(after.get(month)))
                    .map(month -> "as of " + month.atEndOfMonth() + " before " + before.get(month) + ", after " + after.get(month))
                    .toList());
        }
    }

    record Tour(SparkSession spark, String table) {

        Findings run() {
            System.out.println("azof maintenance tour: table " + table);
            step("1. A year of readings on the 15th of month m: boiler 60+m, cellar 10+m, roof m degrees. One append a month, "
                    + "buckets=1: each write adds one file to each month it touches.");
            for (int month = 1; month <= 12; month++) {
                List<Row> rows = new ArrayList<>();
                rows.add(reading("boiler", month, 15, 60 + month));
                if (month <= 9) {
                    rows.add(reading("cellar", month, 15, 10 + month)); // the cellar sensor is removed on October 1st
                }
                rows.add(reading("roof", month, 15, month == 3 ? -40 : month)); // in March the roof probe froze
                write("readings-2024-" + month, rows);
            }
            System.out.println("   A late correction: March's frozen -40.0 for the roof becomes 3.0 (same event time, newer version wins).");
            write("fix-roof-march", List.of(reading("roof", 3, 15, 3)));
            System.out.println("   A delete: the cellar sensor was removed on October 1st (a row whose 'removed' column, the deleteColumn, is true).");
            write("remove-cellar", List.of(RowFactory.create("cellar", day(10, 1), null, true)));

            AzofTable azof = AzofTable.forPath(spark, table);
            step("2. AzofTable.forPath(spark, table).history(): one row per version, newest first.");
            azof.history().show(100, false);
            System.out.println("   detail(): the latest version (shown vertically: it is wide).");
            azof.detail().show(1, 0, true);

            step("3. What an as-of read opens (VersionedPlanner, as the scan plans it): every file of the bucket with a record at or"
                    + " before T. Without bases that is every write so far.");
            System.out.println("   " + String.format("%-30s", "as of the month's last day:") + "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec");
            List<Integer> filesBefore = filesPlanned("no bases");
            Map<YearMonth, List<Reading>> beforeCompaction = answers();

            step("4. compact(): the default policy builds a base at a month start once a read there would merge 4 files from before it;"
                    + " a base holds each key's winning record just before its month, deletes included.");
            azof.compact().show();
            List<Integer> filesAfterDefault = filesPlanned("after compact()");
            System.out.println("   compact(CompactionPolicy.defaults().withMinFilesToMerge(2)): a base wherever a read would merge 2 files.");
            azof.compact(EVERY_SEGMENT).show();
            List<Integer> filesAfterEverySegment = filesPlanned("after minFilesToMerge(2)");
            Map<YearMonth, List<Reading>> afterCompaction = answers();
            show("as of 2024-12-31 before compaction", beforeCompaction.get(YearMonth.of(2024, 12)));
            show("as of 2024-12-31 after compaction", afterCompaction.get(YearMonth.of(2024, 12)));
            requireSame("compaction", beforeCompaction, afterCompaction);
            System.out.println("   All 12 month-end answers are identical: a base only caches what the files before it already said.");

            step("5. A late row after compaction: the cellar's reading of August 20th (18.4) is uploaded when the sensor is collected.");
            write("late-cellar-august", List.of(reading("cellar", 8, 20, 18.4)));
            Map<YearMonth, List<Reading>> afterLateRow = answers();
            show("as of 2024-08-31: the late row is read beside the August base and is the latest", afterLateRow.get(YearMonth.of(2024, 8)));
            show("as of 2024-12-31: no cellar, because the bases kept its newer delete", afterLateRow.get(YearMonth.of(2024, 12)));
            filesPlanned("with the late row");
            System.out.println("   Compacting again folds the late row into the bases after August, replacing the stale ones:");
            CompactionResult recompaction = azof.compactAndReport(EVERY_SEGMENT);
            System.out.println("   " + recompaction);
            filesPlanned("after compacting again");
            Map<YearMonth, List<Reading>> beforeVacuum = answers();
            requireSame("compacting again", afterLateRow, beforeVacuum);

            step("6. validate(): metadata, and every data file's presence, size and footer. No rows: nothing is wrong.");
            azof.validate().show();

            step("7. expireVersions(3): every version but the last 3 becomes unreadable (its snapshot is replaced by a stub).");
            System.out.println("   expired versions " + azof.expireVersions(3).as(Encoders.LONG()).collectAsList());
            VersionExpiredException expiredRead = null;
            try {
                spark.read().format("azof").option("versionAsOf", "12").load(table).collect();
            } catch (VersionExpiredException e) {
                expiredRead = e;
                System.out.println("   versionAsOf 12 fails: " + e.getMessage());
            }
            if (expiredRead == null) {
                throw new IllegalStateException("version 12 was expired, yet versionAsOf 12 was read");
            }

            step("8. vacuumDryRun(): the files no retained version uses that are over 7 days old. None: these are minutes old, and"
                    + " the 7 days protect a write still running, whose files no version lists until it commits.");
            azof.vacuumDryRun().show(false);
            // Nothing else writes this table, so taking unused files of any age is safe here (and only here).
            spark.conf().set(AzofTable.RETENTION_CHECK, "false");
            System.out.println("   With " + AzofTable.RETENTION_CHECK + "=false, vacuumDryRun(0): still none. Compaction keeps the files"
                    + " its bases summarise (reads before a base need them); only the " + recompaction.basesReplaced() + " bases replaced"
                    + " in version " + recompaction.version() + " went out of use, and the retained versions before it still list them.");
            azof.vacuumDryRun(0).show(false);
            System.out.println("   expireVersions(1) expires " + azof.expireVersions(1).as(Encoders.LONG()).collectAsList()
                    + "; now vacuumDryRun(0) lists the replaced bases, and the manifests (metadata/) only expired versions named:");
            azof.vacuumDryRun(0).filter("path LIKE 'data/%'").select("path", "size").show(false);
            List<String> vacuumed = azof.vacuum(0).select("path").as(Encoders.STRING()).collectAsList();
            spark.conf().unset(AzofTable.RETENTION_CHECK); // back to the safe default for whatever uses this session next
            long dataFiles = vacuumed.stream().filter(path -> path.startsWith("data/")).count();
            System.out.println("   vacuum(0) deleted " + vacuumed.size() + " files: " + dataFiles + " data files and "
                    + (vacuumed.size() - dataFiles) + " manifests.");
            Map<YearMonth, List<Reading>> afterVacuum = answers();
            requireSame("vacuum", beforeVacuum, afterVacuum);
            show("as of 2024-08-31 after vacuum, every month-end answer unchanged", afterVacuum.get(YearMonth.of(2024, 8)));
            System.out.println("   validate() after vacuum: " + azof.validate().count() + " problems.");
            return new Findings(beforeCompaction, afterCompaction, filesBefore, filesAfterDefault, filesAfterEverySegment, afterLateRow,
                    recompaction, expiredRead, vacuumed, afterVacuum);
        }

        private void write(String writeId, List<Row> rows) {
            spark.createDataFrame(rows, READINGS).write().format("azof").mode("append")
                    .option("keyColumns", "sensor")
                    .option("eventTimeColumn", "at")
                    .option("deleteColumn", "removed")
                    .option("buckets", "1")
                    .option("writeId", writeId)
                    // This tour compacts by hand to show what compaction does; tables compact after writes by default.
                    .option("autoCompact", "false")
                    .save(table);
            System.out.println("   " + writeId + " -> version " + azofTable().latestSnapshot().version());
        }

        /** Each sensor's answer as of the last day of each month of 2024, read through Spark. */
        private Map<YearMonth, List<Reading>> answers() {
            Map<YearMonth, List<Reading>> answers = new LinkedHashMap<>();
            for (int month = 1; month <= 12; month++) {
                YearMonth yearMonth = YearMonth.of(2024, month);
                List<Reading> readings = new ArrayList<>();
                for (Row row : spark.read().format("azof").option("asOf", yearMonth.atEndOfMonth().toString()).load(table)
                        .select("sensor", "at", "celsius").orderBy("sensor").collectAsList()) {
                    readings.add(new Reading(row.getString(0), row.getAs(1), row.getDouble(2)));
                }
                answers.put(yearMonth, readings);
            }
            return answers;
        }

        /** How many files a read as of each month's last day opens in the latest version; prints them, and December's in detail. */
        private List<Integer> filesPlanned(String label) {
            Snapshot snapshot = azofTable().latestSnapshot();
            List<Integer> counts = new ArrayList<>();
            StringBuilder line = new StringBuilder(String.format("   %-30s", label));
            List<PlannedFile> planned = List.of(); // after the loop: December's
            for (int month = 1; month <= 12; month++) {
                Instant lastDay = YearMonth.of(2024, month).atEndOfMonth().atStartOfDay(ZoneOffset.UTC).toInstant();
                planned = azofTable().newScan().useSnapshot(snapshot).asOf(AsOf.eventTime(lastDay)).planSingleTask().files();
                counts.add(planned.size());
                line.append(String.format("%3d ", planned.size()));
            }
            long bases = planned.stream().filter(file -> file.role() == FileRole.BASE).count();
            long records = planned.stream().mapToLong(file -> file.stats().rows()).sum();
            System.out.println(line + String.format("  (Dec: %d base + %d delta files, %d records)", bases, planned.size() - bases, records));
            return counts;
        }

        private static void requireSame(String what, Map<YearMonth, List<Reading>> before, Map<YearMonth, List<Reading>> after) {
            if (!before.equals(after)) {
                throw new AnswersChanged(what, before, after);
            }
        }

        /** The table through format-core's Java API, beside Spark. */
        private Table azofTable() {
            return Table.forPath(HadoopStorage.withDefaults(), table);
        }

        private static void step(String text) {
            System.out.println();
            System.out.println(text);
        }

        private static void show(String title, List<Reading> readings) {
            System.out.println("   -- " + title + ":");
            readings.forEach(reading -> System.out.println("      " + reading));
        }

        private static Row reading(String sensor, int month, int dayOfMonth, double celsius) {
            return RowFactory.create(sensor, day(month, dayOfMonth), celsius, false);
        }

        private static Instant day(int month, int dayOfMonth) {
            return LocalDate.of(2024, month, dayOfMonth).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }
}
