package io.azof.core.io.parquet;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/** Opening Parquet files for reading: the one place azof does it. */
public final class ParquetFiles {
    /**
     * For files that are not Hadoop files. Built once: {@code ParquetReadOptions.builder()} creates a new Hadoop
     * {@code Configuration} and reads it, and from Parquet 1.14 on (the Spark 4.1 line) that parses Hadoop's XML
     * default resources again on every call, which made every file open cost milliseconds of CPU.
     */
    private static final ParquetReadOptions WITHOUT_HADOOP_FILE = HadoopReadOptions.builder(new Configuration()).build();

    private ParquetFiles() {
    }

    /**
     * Opens {@code file}, with the read options of its own Hadoop configuration when it is a Hadoop file (the
     * table's storage configuration, whose resources are parsed once), rather than of a fresh configuration as
     * {@link ParquetFileReader#open(InputFile)} does.
     */
    public static ParquetFileReader open(InputFile file) throws IOException {
        ParquetReadOptions options = file instanceof HadoopInputFile hadoop
                ? HadoopReadOptions.builder(hadoop.getConfiguration()).build()
                : WITHOUT_HADOOP_FILE;
        return ParquetFileReader.open(file, options);
    }
}
