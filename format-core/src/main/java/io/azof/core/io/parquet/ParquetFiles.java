package io.azof.core.io.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/** Opening Parquet files for reading: the one place azof does it. */
public final class ParquetFiles {
    /**
     * For files that are not Hadoop files: one configuration, parsed once. {@code ParquetReadOptions.builder()} would
     * create a new Hadoop {@code Configuration} and read it, and from Parquet 1.14 on (the Spark 4.1 line) that parses
     * Hadoop's XML default resources again on every call, which made every file open cost milliseconds of CPU.
     */
    private static final Configuration WITHOUT_HADOOP_FILE = new Configuration();

    private ParquetFiles() {
    }

    /**
     * Opens {@code file}, with the read options of its own Hadoop configuration when it is a Hadoop file (the
     * table's storage configuration, whose resources are parsed once), rather than of a fresh configuration as
     * {@link ParquetFileReader#open(InputFile)} does.
     */
    public static ParquetFileReader open(InputFile file) throws IOException {
        return ParquetFileReader.open(file, optionsOf(file).build());
    }

    /**
     * The footer of {@code file}, every row group's metadata in it. Opening a reader filters the row groups by the
     * record filter its configuration carries (statistics, dictionary pages, bloom filters: reads of their own), which
     * an engine that filters them itself would have done twice; here the filter is off.
     */
    public static ParquetMetadata readFooter(InputFile file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(file, optionsOf(file).withRecordFilter(FilterCompat.NOOP).build())) {
            return reader.getFooter();
        }
    }

    private static ParquetReadOptions.Builder optionsOf(InputFile file) {
        return file instanceof HadoopInputFile hadoop
                ? HadoopReadOptions.builder(hadoop.getConfiguration())
                : HadoopReadOptions.builder(WITHOUT_HADOOP_FILE);
    }
}
