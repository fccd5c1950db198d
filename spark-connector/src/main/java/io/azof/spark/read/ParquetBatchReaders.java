package io.azof.spark.read;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.MissingDataFileException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport$;
import org.apache.spark.sql.execution.datasources.parquet.VectorizedParquetRecordReader;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * Opens data files with Spark's vectorized Parquet reader, which decodes a batch of rows column by column
 * far faster than a row-at-a-time reader. This is the one place that knows how to drive that reader outside
 * Spark's own file source: the Hadoop configuration keys it reads and its constructor.
 */
final class ParquetBatchReaders {
    private ParquetBatchReaders() {
    }

    /**
     * The configuration every reader of one scan uses, built on the driver: the columns to decode as a
     * Spark schema, and the predicate Parquet may use to skip row groups and pages. Rows per batch follow
     * the session's {@code spark.sql.parquet.columnarReaderBatchSize}, as Spark's own Parquet scans do.
     */
    static Configuration readConfiguration(Configuration base, StructType batchSchema, Optional<FilterPredicate> skipPredicate,
                                           SQLConf sql) {
        Configuration conf = new Configuration(base);
        conf.set(ParquetInputFormat.READ_SUPPORT_CLASS, ParquetReadSupport.class.getName());
        conf.set(ParquetReadSupport$.MODULE$.SPARK_ROW_REQUESTED_SCHEMA(), batchSchema.json());
        conf.set(SQLConf.SESSION_LOCAL_TIMEZONE().key(), sql.sessionLocalTimeZone());
        conf.setInt(SQLConf.PARQUET_VECTORIZED_READER_BATCH_SIZE().key(), sql.parquetVectorizedReaderBatchSize());
        conf.setBoolean(SQLConf.CASE_SENSITIVE().key(), true);
        conf.setBoolean(SQLConf.NESTED_SCHEMA_PRUNING_ENABLED().key(), false);
        conf.setBoolean(SQLConf.PARQUET_BINARY_AS_STRING().key(), false);
        conf.setBoolean(SQLConf.PARQUET_INT96_AS_TIMESTAMP().key(), true);
        conf.setBoolean(SQLConf.PARQUET_INFER_TIMESTAMP_NTZ_ENABLED().key(), false);
        conf.setBoolean(SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(), false);
        skipPredicate.ifPresent(predicate -> ParquetInputFormat.setFilterPredicate(conf, predicate));
        return conf;
    }

    /**
     * Opens one data file for batch reading.
     *
     * @param location the file's full location, named in errors
     * @param length the file's size from the snapshot, which spares a file status request per file (Spark's
     *     reader makes its own)
     * @throws MissingDataFileException naming the file when it does not exist
     */
    static VectorizedParquetRecordReader open(Configuration conf, String location, long length) {
        Path path = new Path(location);
        // Files written by this project carry no legacy calendar or INT96 data, so no rebasing applies.
        VectorizedParquetRecordReader reader = new VectorizedParquetRecordReader(
                null, "CORRECTED", "UTC", "CORRECTED", "UTC", false,
                conf.getInt(SQLConf.PARQUET_VECTORIZED_READER_BATCH_SIZE().key(), 4096));
        try {
            // Spark casts the split to the old mapred FileSplit.
            reader.initialize(new FileSplit(path, 0, length, new String[0]),
                    new TaskAttemptContextImpl(conf, new TaskAttemptID()));
            reader.initBatch(new StructType(), InternalRow.empty());
            return reader;
        } catch (FileNotFoundException e) {
            closeQuietly(reader);
            throw new MissingDataFileException("Data file " + location + " does not exist", e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(reader);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new AzofException("Cannot open data file " + location + ": " + e.getMessage(), e);
        }
    }

    static void closeQuietly(VectorizedParquetRecordReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Only read from: closing cannot lose data, and the read's own outcome is what matters.
        }
    }
}
