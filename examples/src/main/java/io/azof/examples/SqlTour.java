package io.azof.examples;

import io.azof.spark.AzofTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A walk through azof in Spark SQL, printed as SQL a notebook user can paste: company filings written in three
 * versions (a first load, corrections, a delisting), then "the top 5 software companies by revenue as the filings said
 * on 2019-01-17" through {@code azof_as_of}, through temporary views, as known at earlier versions and system times,
 * and through the catalog {@code io.azof.spark.AzofCatalog} with {@code TIMESTAMP AS OF} when that is on the classpath.
 *
 * <p>Usage: {@code SqlTour [warehouseDir]}, a new or empty directory, defaulting to a new temporary one; the table is
 * written to {@code warehouseDir/db/financials}, where the catalog finds it as {@code lake.db.financials}. From the
 * repository root: {@code mvn -q -Prun-example -DskipTests package -Dexample=SqlTour}.
 */
public final class SqlTour {
    static final String CATALOG_CLASS = "io.azof.spark.AzofCatalog";

    private static final StructType FILINGS = new StructType()
            .add("key", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("industry", DataTypes.StringType)
            .add("revenue", DataTypes.LongType)
            .add("net_income", DataTypes.LongType)
            .add("delisted", DataTypes.BooleanType);

    private SqlTour() {
    }

    /** One row of a top-5 answer; amounts in USD millions. */
    record Ranked(String symbol, long revenue, long netIncome) {
    }

    /** A company whose 2019-01-17 revenue differs between what version 1 knew and what the latest version knows (null: absent). */
    record Change(String symbol, Long revenueKnownAtVersion1, Long revenueKnownNow) {
    }

    /** What the tour's queries answered, for SqlTourTest; {@code catalogTopFive} is null when the catalog section was skipped. */
    record Findings(List<Ranked> topFive, List<Ranked> topFiveFromDataFrameView, List<Ranked> topFiveFromUsingView,
                    List<Ranked> topFiveCurrent, List<Ranked> topFiveKnownAtVersion1, List<Ranked> topFiveKnownAtVersion2,
                    List<Change> changedSinceVersion1, List<Ranked> topFiveKnownAtVersion2CommitTime, List<Ranked> catalogTopFive) {
    }

    public static void main(String[] args) throws IOException {
        Path warehouse = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("azof-sql-tour");
        if (Files.isDirectory(warehouse)) {
            try (var entries = Files.list(warehouse)) {
                if (entries.findAny().isPresent()) {
                    System.err.println(warehouse + " is not empty; give a new or empty directory for the tour's warehouse.");
                    System.exit(2);
                }
            }
        }
        SparkSession spark = LocalSpark.start("azof SQL tour");
        try {
            new Tour(spark, warehouse).run();
        } finally {
            spark.stop();
        }
    }

    /** The headline query over any table reference: a TVF call, a view, or a catalog table with a time-travel clause. */
    static String topFiveQuery(String from) {
        return """
                SELECT key AS symbol, revenue, net_income
                FROM %s
                WHERE industry = 'Software'
                ORDER BY revenue DESC
                LIMIT 5""".formatted(from);
    }

    record Tour(SparkSession spark, Path warehouse) {

        Findings run() {
            String table = warehouse.resolve("db").resolve("financials").toString();
            comment("""
                    azof SQL tour. The session was built with
                      spark.sql.extensions=io.azof.spark.AzofSparkSessionExtensions
                    which adds the table function azof_as_of(table, asOf [, version | systemTime]).
                    Every statement below is printed before its result; paste them into spark.sql(...) or a %sql cell.""");

            comment("""
                    The table: company filings, amounts in USD millions, at
                      %s
                    Its event time is the filing date: when the figures became the official ones. It is written with
                    df.write.format("azof").mode("append").save(path), in three versions:""".formatted(table));
            write(table, "version 1, the first load (DTWR's January revenue has a typo: 22500 for 2250)", List.of(
                    filing("HWRE", "2018-10-23", "Hardware", 9000, 1200),
                    filing("ACMS", "2018-10-24", "Software", 4100, 900),
                    filing("BYTE", "2018-10-25", "Software", 3900, 410),
                    filing("CLDX", "2018-10-30", "Software", 2500, -120),
                    filing("DTWR", "2018-11-01", "Software", 2200, 300),
                    filing("ECOD", "2018-11-06", "Software", 1800, 150),
                    filing("FLUX", "2018-11-08", "Software", 1500, 95),
                    filing("GRPH", "2018-11-13", "Software", 1100, 60),
                    filing("ACMS", "2019-01-15", "Software", 4400, 1000),
                    filing("HWRE", "2019-01-16", "Hardware", 9400, 1300),
                    filing("DTWR", "2019-01-16", "Software", 22500, 320),
                    filing("ECOD", "2019-01-17", "Software", 2600, 210),
                    filing("GRPH", "2019-01-24", "Software", 1200, 70),
                    filing("BYTE", "2019-01-30", "Software", 4300, 480)));
            write(table, "version 2, corrections: DTWR's typo fixed (same filing date), FLUX's filing of 2019-01-14 loaded late", List.of(
                    filing("DTWR", "2019-01-16", "Software", 2250, 320),
                    filing("FLUX", "2019-01-14", "Software", 3100, 260)));
            write(table, "version 3, a delete: CLDX was taken private and delisted on 2019-01-11", List.of(
                    RowFactory.create("CLDX", day("2019-01-11"), null, null, null, true)));

            comment("""
                    1. The headline query: the top 5 software companies by revenue as the filings said on 2019-01-17.
                       azof_as_of reads each company's latest filing dated at or before that day (inclusive).""");
            List<Ranked> topFive = ranked(sql(topFiveQuery("azof_as_of('" + table + "', '2019-01-17')")));

            comment("""
                    2. The same without the extension: a temporary view over an as-of read. In Python, Scala or Java:
                         spark.read.format("azof").option("asOf", "2019-01-17").load("%s")
                              .createOrReplaceTempView("financials_2019_01_17")""".formatted(table));
            spark.read().format("azof").option("asOf", "2019-01-17").load(table).createOrReplaceTempView("financials_2019_01_17");
            List<Ranked> fromDataFrameView = ranked(sql(topFiveQuery("financials_2019_01_17")));
            comment("   or in SQL alone, with the read options as view options:");
            sql("CREATE OR REPLACE TEMPORARY VIEW financials_asof USING azof OPTIONS (path '" + table + "', asOf '2019-01-17')");
            List<Ranked> fromUsingView = ranked(sql(topFiveQuery("financials_asof")));

            comment("""
                    3. Current (asOf NULL): each company's latest filing of all. BYTE's 2019-01-30 filing counts now;
                       on 2019-01-17 it did not exist yet.""");
            List<Ranked> current = ranked(sql(topFiveQuery("azof_as_of('" + table + "', NULL)")));

            comment("""
                    4. Bitemporal: as the filings said on 2019-01-17, as the table knew it at version 1 (an integer third
                       argument). Version 1 had DTWR's typo, no FLUX filing of 2019-01-14, and CLDX still listed.""");
            List<Ranked> knownAtVersion1 = ranked(sql(topFiveQuery("azof_as_of('" + table + "', '2019-01-17', 1)")));
            comment("   At version 2 the corrections are in, and CLDX is still listed:");
            List<Ranked> knownAtVersion2 = ranked(sql(topFiveQuery("azof_as_of('" + table + "', '2019-01-17', 2)")));
            comment("   What the later versions changed in the 2019-01-17 answer:");
            List<Change> changes = changes(sql("""
                    SELECT coalesce(v1.key, latest.key) AS symbol, v1.revenue AS known_at_v1, latest.revenue AS known_now
                    FROM azof_as_of('%1$s', '2019-01-17', 1) AS v1
                    FULL OUTER JOIN azof_as_of('%1$s', '2019-01-17') AS latest ON v1.key = latest.key
                    WHERE NOT (v1.revenue <=> latest.revenue)
                    ORDER BY symbol""".formatted(table)));

            comment("""
                    5. By system time: a string third argument reads the latest version committed at or before it. The
                       commit times are in the table's history (in Python, Scala or Java:
                         AzofTable.forPath(spark, "%s").history().createOrReplaceTempView("financials_history")).""".formatted(table));
            AzofTable.forPath(spark, table).history().createOrReplaceTempView("financials_history");
            List<Row> history = sql("SELECT version, committed_at, operation, rows_added FROM financials_history ORDER BY version");
            Instant version2CommittedAt = history.get(1).getAs("committed_at");
            comment("   As the table knew it when version 2 was committed (so: version 2):");
            List<Ranked> knownAtVersion2CommitTime = ranked(sql(topFiveQuery(
                    "azof_as_of('" + table + "', '2019-01-17', '" + version2CommittedAt + "')")));

            List<Ranked> catalogTopFive = catalogSection(table);
            return new Findings(topFive, fromDataFrameView, fromUsingView, current, knownAtVersion1, knownAtVersion2, changes,
                    knownAtVersion2CommitTime, catalogTopFive);
        }

        private List<Ranked> catalogSection(String table) {
            // Catalogs are loaded when first named, so they can be configured on a running session.
            spark.conf().set("spark.sql.catalog.lake", CATALOG_CLASS);
            spark.conf().set("spark.sql.catalog.lake.warehouse", warehouse.toString());
            comment("""
                    6. Through the catalog, configured with
                         spark.sql.catalog.lake=%s
                         spark.sql.catalog.lake.warehouse=%s
                       Namespaces are directories of the warehouse, so the table above is lake.db.financials.
                       azof's TIMESTAMP AS OF is EVENT time, unlike Delta and Iceberg, where it is commit time:""".formatted(
                    CATALOG_CLASS, warehouse));
            sql("SHOW TABLES IN lake.db");
            List<Ranked> topFive = ranked(sql(topFiveQuery("lake.db.financials TIMESTAMP AS OF '2019-01-17'")));
            comment("   VERSION AS OF picks a snapshot version (here: the current answer as version 1 knew it):");
            sql(topFiveQuery("lake.db.financials VERSION AS OF 1"));
            comment("""
                       SQL allows only one of the two clauses on a table; for both, azof_as_of takes the table's name:""");
            sql(topFiveQuery("azof_as_of('lake.db.financials', '2019-01-17', 1)"));
            comment("   A new, empty table:");
            sql("CREATE TABLE lake.db.watchlist (key STRING, event_time TIMESTAMP, note STRING) USING azof");
            sql("SHOW TABLES IN lake.db");
            return topFive;
        }

        private void write(String table, String description, List<Row> rows) {
            spark.createDataFrame(rows, FILINGS).write().format("azof").mode("append").option("deleteColumn", "delisted").save(table);
            System.out.println("--   " + description + ":");
            for (Row row : rows) {
                System.out.println(row.getBoolean(5)
                        ? String.format("--     %-5s %s  delisted", row.getString(0), LocalDate.ofInstant(row.getAs(1), ZoneOffset.UTC))
                        : String.format("--     %-5s %s  %-8s revenue %6d  net income %5d", row.getString(0),
                                LocalDate.ofInstant(row.getAs(1), ZoneOffset.UTC), row.getString(2), row.getLong(3), row.getLong(4)));
            }
        }

        /** Prints the statement as it can be pasted, then its result; returns the result's rows. */
        private List<Row> sql(String statement) {
            System.out.println();
            System.out.println(statement + ";");
            Dataset<Row> result = spark.sql(statement);
            if (result.columns().length == 0) {
                return List.of();
            }
            List<Row> rows = result.collectAsList();
            result.show(100, false);
            return rows;
        }

        private static void comment(String text) {
            System.out.println();
            text.lines().forEach(line -> System.out.println("-- " + line));
        }

        private static List<Ranked> ranked(List<Row> rows) {
            List<Ranked> ranked = new ArrayList<>();
            for (Row row : rows) {
                ranked.add(new Ranked(row.getString(0), row.getLong(1), row.getLong(2)));
            }
            return ranked;
        }

        private static List<Change> changes(List<Row> rows) {
            List<Change> changes = new ArrayList<>();
            for (Row row : rows) {
                changes.add(new Change(row.getString(0), row.isNullAt(1) ? null : row.getLong(1), row.isNullAt(2) ? null : row.getLong(2)));
            }
            return changes;
        }

        private static Row filing(String symbol, String filed, String industry, long revenue, long netIncome) {
            return RowFactory.create(symbol, day(filed), industry, revenue, netIncome, false);
        }

        private static Instant day(String date) {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }
}
