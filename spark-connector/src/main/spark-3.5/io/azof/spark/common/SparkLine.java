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

/**
 * The few Spark calls whose Java signatures differ between the Spark lines this connector builds for; this copy is
 * for Spark 3.5 (src/main/spark-4.1 holds the Spark 4.1 one; the build adds the line's directory as a source root).
 */
public final class SparkLine {

    /**
     * The default of {@code spark.azof.read.maxOpenFiles}, the most data files one read task holds open at once, for tables on object stores. S3A in Hadoop 3.3.4 pools {@code fs.s3a.connection.maximum} = 96 connections per file system; 8 per task
     * leaves room for 12 task slots (a 12-core {@code local[*]}, or executors of up to 12 cores) and other S3 calls.
     */
    public static final int DEFAULT_MAX_OPEN_FILES = 8;

    private SparkLine() {
    }

    /** Opens a Parquet file whose footer is already read, so that Spark does not read it again. */
    public static void initialize(VectorizedParquetRecordReader reader, InputSplit split, TaskAttemptContext context,
            ParquetMetadata footer) throws IOException, InterruptedException {
        reader.initialize(split, context, Option.apply(footer));
    }

    /** The logical plan of a DataFrame (on Spark 4 only the classic Dataset has one). */
    public static LogicalPlan logicalPlan(Dataset<Row> frame) {
        return frame.logicalPlan();
    }

    /** "No such table" with azof's own message (Spark 4 only builds this exception from an error class). */
    public static NoSuchTableException noSuchTable(String displayName, String reason) {
        return new NoSuchTableException("Table " + displayName + " does not exist: " + reason, Option.empty());
    }

    /**
     * A DataFrame over rows already in Spark's internal form, so that Spark's planner (its exchange and its sorter) can
     * take them on without converting each to a {@code Row} and back.
     */
    public static Dataset<Row> dataFrame(SparkSession session, RDD<InternalRow> rows, StructType schema) {
        return session.internalCreateDataFrame(rows, schema, false);
    }
}
