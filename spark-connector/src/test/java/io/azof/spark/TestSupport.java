package io.azof.spark;

import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.LegacyDataFileWriter;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.ReferenceTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;

/** Fixtures, hand-made tables and result helpers shared by the connector tests. */
public final class TestSupport {
    private TestSupport() {
    }

    /** A reference table written by azof 0.2.1, as the path string Spark's readers take; see {@link ReferenceTables}. */
    public static String referenceTable(String name) {
        return ReferenceTables.table(name).toString();
    }

    public static DataFrameReader azof() {
        return SharedSpark.session().read().format("azof");
    }

    public static Dataset<Row> readAsOf(String table, String asOf) {
        DataFrameReader reader = azof();
        if (asOf != null) {
            reader = reader.option("asOf", asOf);
        }
        return reader.load(table);
    }

    /** Collected rows as lists, so expectations are plain values (timestamps are {@link Instant}s). */
    public static List<List<Object>> rows(Dataset<Row> frame) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : frame.collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(row.get(i));
            }
            rows.add(values);
        }
        return rows;
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Every node of an executed plan, looking through adaptive execution to the plan it runs and into commands' plans. */
    public static List<SparkPlan> planNodes(Dataset<Row> frame) {
        List<SparkPlan> nodes = new ArrayList<>();
        collectNodes(frame.queryExecution().executedPlan(), nodes);
        return nodes;
    }

    /** The azof scan's metrics ({@code ScanMetricsReport}) by name, once {@code frame} has run. */
    public static Map<String, Long> scanMetrics(Dataset<Row> frame) {
        BatchScanExec scan = planNodes(frame).stream().filter(BatchScanExec.class::isInstance).map(BatchScanExec.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no scan in the plan of " + frame.queryExecution().executedPlan()));
        return metrics(scan);
    }

    /** A plan node's metrics by name, once it has run. */
    public static Map<String, Long> metrics(SparkPlan node) {
        Map<String, Long> metrics = new HashMap<>();
        scala.collection.Iterator<scala.Tuple2<String, SQLMetric>> it = node.metrics().iterator();
        while (it.hasNext()) {
            scala.Tuple2<String, SQLMetric> entry = it.next();
            metrics.put(entry._1(), entry._2().value());
        }
        return metrics;
    }

    private static void collectNodes(SparkPlan plan, List<SparkPlan> nodes) {
        if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            collectNodes(adaptive.executedPlan(), nodes);
            return;
        }
        nodes.add(plan);
        // An executed command (INSERT INTO) shows its result; the plan that ran it is beside the tree, not in it.
        if (plan instanceof CommandResultExec command) {
            collectNodes(command.commandPhysicalPlan(), nodes);
        }
        scala.collection.Iterator<SparkPlan> children = plan.children().iterator();
        while (children.hasNext()) {
            collectNodes(children.next(), nodes);
        }
    }

    public static void writeDataFile(TableStorage storage, String file, TableSchema schema, List<Object[]> rows)
            throws IOException {
        try (LegacyDataFileWriter writer = LegacyDataFileWriter.create(storage, file, schema)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
    }

    /** Commits {@code snapshot} as the table's version 1, as azof 0.2.1 lays it out. */
    public static void writeSnapshot(TableStorage storage, Snapshot snapshot) throws IOException {
        writeMetadata(storage, SnapshotJson.write(snapshot));
    }

    /** Writes {@code snapshotJson} verbatim as s1.json, so tests can hand the reader broken metadata. */
    public static void writeMetadata(TableStorage storage, String snapshotJson) throws IOException {
        storage.writeAll("s1.json", snapshotJson.getBytes(StandardCharsets.UTF_8));
        storage.writeAll("version.txt", "1".getBytes(StandardCharsets.UTF_8));
    }

    public static List<String> csvLines(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
