package io.azof.spark.common;

import java.io.IOException;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.parquet.VectorizedParquetRecordReader;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.immutable.Map;

/**
 * The few Spark calls whose Java signatures differ between the Spark lines this connector builds for; this copy is
 * for Spark 4.1 (src/main/spark-3.5 holds the Spark 3.5 one; the build adds the line's directory as a source root).
 */
public final class SparkLine {

    /**
     * The default of {@code spark.azof.read.maxOpenFiles}, the most data files one read task holds open at once, for tables on object stores. S3A in Hadoop 3.4 pools {@code fs.s3a.connection.maximum} = 500 connections per file system (HADOOP-19015);
     * 32 per task leaves room for 15 task slots and other S3 calls.
     */
    public static final int DEFAULT_MAX_OPEN_FILES = 32;

    private SparkLine() {
    }

    /** Opens a Parquet file whose footer is already read, so that Spark does not read it again. */
    public static void initialize(VectorizedParquetRecordReader reader, InputSplit split, TaskAttemptContext context,
            ParquetMetadata footer) throws IOException, InterruptedException {
        // Spark 4 also takes the input file and an open stream; without them it opens the file itself.
        reader.initialize(split, context, Option.empty(), Option.empty(), Option.apply(footer));
    }

    /** The logical plan of a DataFrame: in Spark 4 the session behind SparkSession.active() is the classic one. */
    public static LogicalPlan logicalPlan(Dataset<Row> frame) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) frame).logicalPlan();
    }

    /**
     * "No such table": Spark 4 builds this exception only from an error class, so azof's reason goes into the
     * relation name of TABLE_OR_VIEW_NOT_FOUND.
     */
    public static NoSuchTableException noSuchTable(String displayName, String reason) {
        return new NoSuchTableException("TABLE_OR_VIEW_NOT_FOUND",
                new Map.Map1<>("relationName", displayName + " (it does not exist: " + reason + ")"), Option.empty());
    }

    /**
     * A DataFrame over rows already in Spark's internal form, so that Spark's planner (its exchange and its sorter) can
     * take them on without converting each to a {@code Row} and back; in Spark 4 only the classic session makes one.
     */
    public static Dataset<Row> dataFrame(SparkSession session, RDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) session).internalCreateDataFrame(rows, schema, false);
    }
}
