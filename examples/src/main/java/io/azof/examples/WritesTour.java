package io.azof.examples;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.metadata.Snapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A tour of writes: builds a small table of stock prices with {@code df.write.format("azof")} and shows
 * after each write what reads return. A first write, a correction that arrives late, a delete, a retried
 * write that changes nothing, bitemporal reads ("as of T, as known at version V"), and many small appends,
 * which the table compacts after the writes by itself.
 *
 * <p>Usage: {@code WritesTour [tableDir]}, the directory new or empty, defaulting to a new temporary
 * directory. From the repository root: {@code mvn -q -Prun-example -DskipTests package -Dexample=WritesTour}.
 */
public final class WritesTour {
    private static final StructType PRICES = new StructType()
            .add("ticker", DataTypes.StringType)
            .add("at", DataTypes.TimestampType)
            .add("price", DataTypes.createDecimalType(10, 2))
            .add("delisted", DataTypes.BooleanType);

    private WritesTour() {
    }

    public static void main(String[] args) throws IOException {
        Path table = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("azof-writes-tour").resolve("prices");
        if (Files.isDirectory(table)) {
            try (var entries = Files.list(table)) {
                if (entries.findAny().isPresent()) {
                    System.err.println(table + " is not empty; give a new or empty directory for the tour's table.");
                    System.exit(2);
                }
            }
        }
        SparkSession spark = LocalSpark.start("azof writes tour");
        try {
            new Tour(spark, table.toString()).run();
        } finally {
            spark.stop();
        }
    }

    /** Ticks of step 6: one append each, more than the default {@code autoCompact.maxRuns} (8) files in ACME's bucket. */
    static final int TICKS = 12;

    record Tour(SparkSession spark, String table) {

        void run() {
            System.out.println("azof writes tour: table " + table);
            System.out.println("Every write is df.write.format(\"azof\").mode(\"append\")"
                    + ".option(\"keyColumns\", \"ticker\").option(\"eventTimeColumn\", \"at\")...save(table)");

            step("1. First write: January prices. It creates the table as version 1.");
            write("load-jan", row("ACME", "2024-01-02T09:00:00Z", "10.00"), row("ACME", "2024-01-31T09:00:00Z", "12.00"),
                    row("INIT", "2024-01-03T09:00:00Z", "5.00"));
            show("current", read());
            show("as of 2024-01-20", read("asOf", "2024-01-20"));

            step("2. A late row: ACME's price of January 15th arrives after January 31st was written.");
            write("fix-jan-15", row("ACME", "2024-01-15T09:00:00Z", "11.00"));
            show("as of 2024-01-20, now (version 2)", read("asOf", "2024-01-20"));
            show("as of 2024-01-20, as known at version 1", read("asOf", "2024-01-20", "versionAsOf", "1"));
            show("current (January 31st still wins)", read());

            step("3. A delete: INIT is delisted on February 1st (a row whose 'delisted' column is true, option deleteColumn).");
            write("delist-init", delete("INIT", "2024-02-01T00:00:00Z"));
            show("as of 2024-01-31", read("asOf", "2024-01-31"));
            show("current", read());

            step("4. A retried job: the delete again, with the same writeId. The table already has it: nothing is written.");
            write("delist-init", delete("INIT", "2024-02-01T00:00:00Z"));

            step("5. Bitemporal reads: ACME and INIT as of January 20th, as known at each version.");
            for (long version = 1; version <= latestVersion(); version++) {
                Snapshot snapshot = snapshot(version);
                String committedAt = Instant.ofEpochMilli(snapshot.commit().committedAtMillis()).toString();
                show("as of 2024-01-20, systemTimeAsOf " + committedAt + " (version " + version + ", " + snapshot.commit().operation() + ")",
                        read("asOf", "2024-01-20", "systemTimeAsOf", committedAt));
            }
            show("as of 2024-02-15, as known at version 2 (before the delete was written)", read("asOf", "2024-02-15", "versionAsOf", "2"));
            show("as of 2024-02-15, as known at version 3", read("asOf", "2024-02-15", "versionAsOf", "3"));

            step("6. Many small appends: a price for ACME every minute from 09:00 on March 1st, " + TICKS + " appends of one row."
                    + " When a read of the newest data would merge more than 8 files (table property autoCompact.maxRuns) in a"
                    + " key-hash bucket, the write is followed by a 'compact' commit of its own that merges them; every version"
                    + " still reads as it did. Set autoCompact=false (write option or ALTER TABLE ... SET TBLPROPERTIES) to"
                    + " compact only by hand.");
            for (int minute = 0; minute < TICKS; minute++) {
                write("tick-" + minute, row("ACME", String.format("2024-03-01T09:%02d:00Z", minute), (100 + minute) + ".00"));
            }
            show("current", read());
            System.out.println("   the newest read opens " + filesOfNewestRead() + " files over all buckets");
        }

        /** The files a current read of every bucket opens, from the core's planner. */
        int filesOfNewestRead() {
            return azofTable().newScan().planTasks().stream().mapToInt(task -> task.files().size()).sum();
        }

        private void write(String writeId, Row... rows) {
            long before = latestVersion();
            DataFrameWriter<Row> writer = spark.createDataFrame(List.of(rows), PRICES).write().format("azof").mode("append")
                    .option("keyColumns", "ticker")
                    .option("eventTimeColumn", "at")
                    .option("deleteColumn", "delisted")
                    .option("writeId", writeId);
            writer.save(table);
            long latest = latestVersion();
            if (latest == before) {
                System.out.println("   writeId '" + writeId + "' was committed before: still version " + before);
            }
            // A write is one version; a compaction after it is another.
            for (long version = before + 1; version <= latest; version++) {
                Snapshot snapshot = snapshot(version);
                System.out.println((snapshot.commit().writeId() != null ? "   writeId '" + writeId + "' -> " : "   then ")
                        + "version " + version + " (" + snapshot.commit().operation() + ", " + snapshot.commit().rowsAdded()
                        + " row(s)), committed at " + Instant.ofEpochMilli(snapshot.commit().committedAtMillis()));
            }
        }

        private List<String> read(String... options) {
            DataFrameReader reader = spark.read().format("azof");
            for (int i = 0; i < options.length; i += 2) {
                reader = reader.option(options[i], options[i + 1]);
            }
            Dataset<Row> frame = reader.load(table);
            List<String> lines = new ArrayList<>();
            for (Row row : frame.collectAsList()) {
                lines.add(String.format("%-5s %-21s %s", row.getString(0), row.get(1), row.get(2)));
            }
            lines.sort(Comparator.naturalOrder());
            return lines;
        }

        /** Version {@code version}'s snapshot, read with the core library: where commit times and operations are recorded. */
        private Snapshot snapshot(long version) {
            return azofTable().snapshot(version);
        }

        /** 0 before the first write. */
        private long latestVersion() {
            return azofTable().exists() ? azofTable().latestSnapshot().version() : 0;
        }

        /** The table through format-core's Java API, beside Spark. */
        private Table azofTable() {
            return Table.forPath(HadoopStorage.withDefaults(), table);
        }

        private static void step(String text) {
            System.out.println();
            System.out.println(text);
        }

        private static void show(String title, List<String> rows) {
            System.out.println("   -- " + title + ": " + (rows.isEmpty() ? "no rows" : rows.size() + " row(s)"));
            rows.forEach(line -> System.out.println("      " + line));
        }

        private static Row row(String ticker, String at, String price) {
            return RowFactory.create(ticker, Instant.parse(at), new BigDecimal(price), false);
        }

        private static Row delete(String ticker, String at) {
            return RowFactory.create(ticker, Instant.parse(at), null, true);
        }
    }
}
