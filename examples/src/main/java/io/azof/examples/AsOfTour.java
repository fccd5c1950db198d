package io.azof.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A tour of event-time travel: reads the project's test-data tables with {@code spark.read.format("azof")}
 * at several as-of times and shows what each read returns and what changed from one as-of time to the next.
 *
 * <p>Usage: {@code AsOfTour [testDataDir]}, the directory defaulting to {@code test-data} in the working
 * directory. From the repository root: {@code mvn -q -Prun-example -DskipTests package}.
 */
public final class AsOfTour {
    private static final String CURRENT = "current";

    private AsOfTour() {
    }

    public static void main(String[] args) {
        Path testData = Path.of(args.length > 0 ? args[0] : "test-data").toAbsolutePath().normalize();
        if (!Files.isDirectory(testData)) {
            System.err.println("No test-data directory at " + testData + "; pass the repository's test-data directory as the argument.");
            System.exit(2);
        }
        SparkSession spark = LocalSpark.start("azof as-of tour");
        try {
            new Tour(spark, testData).run();
        } finally {
            spark.stop();
        }
    }

    private record Tour(SparkSession spark, Path testData) {

        void run() {
            System.out.println("azof event-time travel over " + testData);
            System.out.println("Each read is spark.read.format(\"azof\").option(\"asOf\", T).load(table): per key, the latest row with event_time <= T.");
            visit("prices", "Stock prices of fictional companies during one trading week.",
                    List.of("2024-06-03T13:30:00Z", "2024-06-04T15:00:00Z", "2024-06-05T12:00:00Z", CURRENT));
            visit("sensors", "Greenhouse humidity sensors; gh-02's readings of 04-09 and 04-11 arrived late, on 04-13.",
                    List.of("2024-03-01T00:00:00Z", "2024-03-10", "2024-03-21", "2024-04-10T00:00:00Z", CURRENT));
            visit("all_types", "A shop's stock list with every column type; empty cells are nulls.",
                    List.of("2024-01-01T00:00:00Z", "2024-01-12T00:00:00Z", CURRENT));
        }

        private void visit(String table, String description, List<String> asOfTimes) {
            String path = testData.resolve(table).toString();
            System.out.println();
            System.out.println("=".repeat(100));
            System.out.println(table + ": " + description);
            System.out.println("=".repeat(100));
            AsOfRead previous = null;
            for (String asOf : asOfTimes) {
                AsOfRead asOfRead = read(path, asOf);
                System.out.println();
                System.out.println("-- as of " + asOf + ": " + asOfRead.rows().size() + " row(s)");
                asOfRead.print();
                if (previous != null) {
                    System.out.println("   changes since " + previous.asOf() + ":");
                    printChanges(previous, asOfRead);
                }
                previous = asOfRead;
            }
        }

        private AsOfRead read(String path, String asOf) {
            DataFrameReader reader = spark.read().format("azof");
            if (!asOf.equals(CURRENT)) {
                reader = reader.option("asOf", asOf);
            }
            var frame = reader.load(path);
            List<String> columns = List.of(frame.columns());
            Map<String, List<String>> rows = new TreeMap<>();
            for (Row row : frame.collectAsList()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.length(); i++) {
                    values.add(Objects.toString(row.get(i)));
                }
                rows.put(values.get(0), values);
            }
            return new AsOfRead(asOf, columns, rows);
        }

        private static void printChanges(AsOfRead before, AsOfRead after) {
            List<String> unchanged = new ArrayList<>();
            for (var entry : after.rows().entrySet()) {
                List<String> old = before.rows().get(entry.getKey());
                if (old == null) {
                    System.out.println("     + added     " + entry.getKey());
                } else if (old.equals(entry.getValue())) {
                    unchanged.add(entry.getKey());
                } else {
                    System.out.println("     ~ changed   " + entry.getKey() + ": " + differences(after.columns(), old, entry.getValue()));
                }
            }
            before.rows().keySet().stream()
                    .filter(key -> !after.rows().containsKey(key))
                    .forEach(key -> System.out.println("     - removed   " + key));
            System.out.println("     = unchanged " + (unchanged.isEmpty() ? "(none)" : String.join(", ", unchanged)));
        }

        private static String differences(List<String> columns, List<String> old, List<String> now) {
            List<String> parts = new ArrayList<>();
            for (int i = 1; i < columns.size(); i++) {
                if (!old.get(i).equals(now.get(i))) {
                    parts.add(columns.get(i) + " " + old.get(i) + " -> " + now.get(i));
                }
            }
            return String.join(", ", parts);
        }
    }

    /** One as-of read: the column names and the rows by key, each row as printable values. */
    private record AsOfRead(String asOf, List<String> columns, Map<String, List<String>> rows) {

        void print() {
            if (rows.isEmpty()) {
                return;
            }
            int[] widths = new int[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                int column = i;
                int width = rows.values().stream().mapToInt(row -> row.get(column).length()).max().orElse(0);
                widths[i] = Math.max(width, columns.get(i).length());
            }
            System.out.println("   " + line(columns, widths));
            rows.values().forEach(row -> System.out.println("   " + line(row, widths)));
        }

        private static String line(List<String> values, int[] widths) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                line.append(String.format("%-" + widths[i] + "s", values.get(i)));
                if (i < values.size() - 1) {
                    line.append("  ");
                }
            }
            return line.toString().stripTrailing();
        }
    }
}
