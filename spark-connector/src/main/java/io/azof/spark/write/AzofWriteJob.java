package io.azof.spark.write;

import io.azof.core.Table;
import io.azof.core.WriteOperation;
import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.write.PreparedWrite;
import io.azof.core.write.SortedRowWriter;
import io.azof.core.write.WriteOptions;
import io.azof.spark.common.SparkLine;
import io.azof.spark.common.SparkSchemas;
import io.azof.spark.common.TableLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code df.write.format("azof").save(path)}: format-core's {@link WriteOperation}, with its files written on the
 * executors.
 *
 * <ol>
 *   <li>Driver: pick the operation the save mode asks for and {@link WriteOperation#prepare prepare} it: the input
 *       schema and options are validated against the table; stop if the write id is already committed.</li>
 *   <li>Executors: check each row (null key or event time) and place it (bucket, segment), then shuffle by
 *       bucket and sort by (bucket, segment, key, event time), with Spark's own exchange and sorter.</li>
 *   <li>Executors: write each sorted partition with a {@link SortedRowWriter}, one file per (bucket,
 *       segment), rejecting two rows with one key and event time.</li>
 *   <li>Driver: {@link WriteOperation#commit() commit} every file as one new version.</li>
 * </ol>
 * Until the last step nothing is visible: a failed validation or task leaves the table as it was, with at
 * most unreferenced data files that readers never see.
 */
public final class AzofWriteJob {
    private static final Logger LOG = LoggerFactory.getLogger(AzofWriteJob.class);
    /** Where {@code DataFrameWriter.partitionBy} puts its columns for V1 sources. */
    private static final String PARTITION_COLUMNS_OPTION = "__partition_columns";

    private AzofWriteJob() {
    }

    /**
     * Runs the write.
     *
     * @return the new version, or (with {@code skipped}) the latest version when the save mode or a committed
     *     write id made the write a no-op, or when {@code onOverlap=skip} dropped every row; the rows it dropped (also logged)
     * @throws TableAlreadyExistsException when the table exists under {@link SaveMode#ErrorIfExists}, also when another
     *     writer created it while this write ran
     * @throws InvalidWriteException when rows are rejected (null key or event time, ambiguous duplicates, schema mismatch)
     * @throws InvalidOptionException when options disagree with the table or with the data
     * @throws io.azof.core.exceptions.OverlapException when {@code onOverlap=error} (or the table's {@code overlapPolicy})
     *     finds rows in slots their keys already cover; nothing was committed
     */
    public static CommitResult run(SaveMode mode, Map<String, String> options, Dataset<Row> data) {
        if (new CaseInsensitiveStringMap(options).containsKey(PARTITION_COLUMNS_OPTION)) {
            throw partitioningRefused();
        }
        TableLocation location = TableLocation.fromOptions(options);
        Table table = location.table();
        WriteOperation write = switch (mode) {
            case Append -> table.newAppend();
            case Overwrite -> table.newOverwrite();
            case ErrorIfExists, Ignore -> table.newCreate();
        };
        // The compaction after the commit runs here, its files built on the executors, not inside the commit on the driver.
        write.options(WriteOptions.fromOptions(WriteOptions.Mode.APPEND, options)).compactAfterCommit(false);
        try {
            // As Delta does, a table takes the data's columns as nullable: Spark marks columns not null for
            // incidental reasons (a literal, a join key), and the first write would otherwise forbid nulls forever.
            PreparedWrite prepared = write.prepare(SparkSchemas.toAzof(data.schema().asNullable()));
            if (!prepared.skip()) {
                write.addFiles(writeFiles(location, prepared, data));
            }
            CommitResult result = write.commit();
            if (result.rowsDropped() > 0) {
                LOG.info("Append to azof table {} dropped {} row(s) in slots their keys already covered (onOverlap=skip); {}", location.path(),
                        result.rowsDropped(), result.skipped() ? "no row was left, nothing was committed" : "committed version " + result.version());
            }
            if (!result.skipped()) {
                DistributedCompaction.afterWrite(data.sparkSession(), location);
            }
            return result;
        } catch (TableAlreadyExistsException e) {
            if (mode == SaveMode.Ignore) {
                return new CommitResult(table.latestVersion(), true, 0);
            }
            throw new TableAlreadyExistsException(e.getMessage() + ". The save mode is errorifexists, the default, which only creates"
                    + " tables: use mode(\"append\") to add rows or mode(\"overwrite\") to replace them");
        }
    }

    /** The one refusal of column partitioning, for {@code partitionBy} and SQL's {@code PARTITIONED BY} alike. */
    public static InvalidOptionException partitioningRefused() {
        return new InvalidOptionException("azof tables cannot be partitioned by columns (partitionBy, PARTITIONED BY): they are split"
                + " by event time (option '" + WriteOptions.SEGMENT_GRANULARITY + "') and by key hash (option '" + WriteOptions.BUCKETS
                + "')");
    }

    /**
     * Writes the data files on executors and returns them uncommitted.
     *
     * <p>The rows stay in Spark's internal form throughout: each is placed ({@link PlacedRows}: checked, and given its
     * bucket and segment) on the way in, Spark's own exchange and sorter (binary rows, Tungsten) bring every bucket to
     * one task in write order, and each task writes its sorted rows straight from those binary rows
     * ({@link SparkFileRows}) with the core's {@link SortedRowWriter}.
     *
     * <p>Tasks: one per bucket, at most as many as the cluster runs at once ({@code defaultParallelism});
     * a task then writes several buckets one after the other. A bucket is never split between tasks,
     * because the task that holds all rows of a key is what makes one file per (bucket, segment) and the
     * duplicate check over a key's rows possible. More tasks than buckets would be empty, and more than the
     * cluster's slots would only queue without writing fewer or smaller files.
     */
    private static List<NewDataFile> writeFiles(TableLocation location, PreparedWrite prepared, Dataset<Row> data) {
        SparkSession session = data.sparkSession();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
        // Shipped once per executor rather than once per task, as the reader does.
        Broadcast<SerializableConfiguration> hadoopConf = context.broadcast(new SerializableConfiguration(location.hadoopConf()));
        int tasks = Math.min(prepared.table().buckets(), context.defaultParallelism());
        PlacedRows placed = new PlacedRows(prepared, data.schema(), tasks);
        String path = location.path();
        try {
            JavaRDD<InternalRow> placedRows = data.queryExecution().toRdd().toJavaRDD().mapPartitions(placed::place);
            Dataset<Row> frame = SparkLine.dataFrame(session, placedRows.rdd(), placed.schema());
            Dataset<Row> sorted = frame.repartition(tasks, frame.col(frame.columns()[PlacedRows.PARTITION]))
                    .sortWithinPartitions(writeOrder(frame, placed));
            return sorted.queryExecution().toRdd().toJavaRDD()
                    .mapPartitions((Iterator<InternalRow> rows) -> {
                        TableDefinition table = placed.prepared().table();
                        try (SortedRowWriter<InternalRow> writer = new SortedRowWriter<>(
                                TableLocation.storage(path, hadoopConf.value().value()), table, new SparkFileRows(placed))) {
                            while (rows.hasNext()) {
                                writer.write(rows.next());
                            }
                            return List.of(javaSerialized(new ArrayList<>(writer.finish()))).iterator();
                        }
                    })
                    .collect().stream()
                    .flatMap(files -> AzofWriteJob.<List<NewDataFile>>javaDeserialized(files).stream())
                    .toList();
        } catch (Exception e) {
            // Scala code throws SparkException (checked) without declaring it, so it is caught as Exception.
            throw failureOf(path, e);
        }
    }

    /**
     * Bucket, segment, key, event time ({@link io.azof.core.write.RecordLayout#writeOrder()}) as columns of placed rows,
     * after the {@link SortPrefix} that lets Spark's sorter settle most comparisons without reading the rows.
     */
    private static Column[] writeOrder(Dataset<Row> frame, PlacedRows placed) {
        String[] names = frame.columns();
        List<Column> order = new ArrayList<>();
        order.add(frame.col(names[PlacedRows.PREFIX]));
        order.add(frame.col(names[PlacedRows.BUCKET]));
        order.add(frame.col(names[PlacedRows.SEGMENT_START]));
        for (int key : placed.keyInputOrdinals()) {
            order.add(frame.col(names[PlacedRows.INPUT + key]));
        }
        order.add(frame.col(names[PlacedRows.INPUT + placed.eventTimeInputOrdinal()]));
        return order.toArray(Column[]::new);
    }

    /**
     * Task results travel with {@code spark.serializer}, often Kryo, which cannot build Java records such as
     * {@link NewDataFile}; Java serialization into bytes makes the result independent of that setting.
     */
    private static byte[] javaSerialized(Serializable value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> T javaDeserialized(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read the files a write task reported", e);
        }
    }

    /**
     * A rejected row surfaces as the core's {@link InvalidWriteException}, as it does when the driver rejects
     * the write, so callers catch one type; Spark's task failure stays attached for its details.
     */
    private static RuntimeException failureOf(String path, Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidWriteException rejected) {
                if (rejected != failure) {
                    rejected.addSuppressed(failure);
                }
                return rejected;
            }
        }
        return new AzofException("Writing the data files of azof table " + path + " failed; nothing was committed: "
                + failure.getMessage(), failure);
    }
}
