package io.azof.spark.read;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.MissingDataFileException;
import io.azof.core.io.parquet.ParquetFiles;
import io.azof.spark.common.SparkLine;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport$;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
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

    /** A data file opened for batch reading, and how its batches' columns become the layout's. */
    record OpenedFile(VectorizedParquetRecordReader reader, BatchLayout.FileDecoding decoding) {
    }

    /**
     * Opens one data file for batch reading. Its footer is read first, here, to decide how to decode it (a file
     * written before a schema change lacks columns or stores narrower types; see {@link BatchLayout#decodingOf}),
     * and handed to Spark's reader, which then does not read it again: as Spark's own Parquet scan does since 3.5.
     *
     * @param location the file's full location, named in errors
     * @param length the file's size from the snapshot, which spares a file status request for the footer (Spark's
     *     reader makes its own)
     * @throws MissingDataFileException naming the file when it does not exist
     * @throws io.azof.core.exceptions.SchemaMismatchException naming the file and the column when a column cannot
     *     be read as the table declares it
     */
    static OpenedFile open(Configuration conf, String location, long length, BatchLayout layout) {
        Path path = new Path(location);
        ParquetMetadata footer;
        try {
            footer = readFooter(conf, path, length);
        } catch (FileNotFoundException e) {
            throw new MissingDataFileException("Data file " + location + " does not exist", e);
        } catch (IOException | RuntimeException e) {
            throw new AzofException("Cannot open data file " + location + ": " + e.getMessage(), e);
        }
        BatchLayout.FileDecoding decoding = layout.decodingOf(location, footer.getFileMetaData().getSchema());
        Configuration fileConf = conf;
        if (decoding.requestedSchema() != null) {
            // The requested schema is read from the configuration, so a file decoded differently needs its own copy.
            fileConf = new Configuration(conf);
            fileConf.set(ParquetReadSupport$.MODULE$.SPARK_ROW_REQUESTED_SCHEMA(), decoding.requestedSchema().json());
        }
        // Files written by this project carry no legacy calendar or INT96 data, so no rebasing applies.
        VectorizedParquetRecordReader reader = new VectorizedParquetRecordReader(
                null, "CORRECTED", "UTC", "CORRECTED", "UTC", false,
                conf.getInt(SQLConf.PARQUET_VECTORIZED_READER_BATCH_SIZE().key(), 4096));
        try {
            // Spark casts the split to the old mapred FileSplit.
            SparkLine.initialize(reader, new FileSplit(path, 0, length, new String[0]),
                    new TaskAttemptContextImpl(fileConf, new TaskAttemptID()), footer);
            reader.initBatch(new StructType(), InternalRow.empty());
            return new OpenedFile(reader, decoding);
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

    /** Every row group's metadata, which Spark's reader filters by the scan's predicate itself. */
    private static ParquetMetadata readFooter(Configuration conf, Path path, long length) throws IOException {
        FileStatus status = new FileStatus(length, false, 0, 0, 0, path);
        return ParquetFiles.readFooter(HadoopInputFile.fromStatus(status, conf));
    }

    static void closeQuietly(VectorizedParquetRecordReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Only read from: closing cannot lose data, and the read's own outcome is what matters.
        }
    }
}
