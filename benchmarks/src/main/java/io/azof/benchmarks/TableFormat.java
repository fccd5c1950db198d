package io.azof.benchmarks;

/** The four ways the benchmark stores the same history. */
public enum TableFormat {
    AZOF("azof", "azof"),
    PARQUET("parquet", "Parquet (flat)"),
    DELTA("delta", "Delta Lake"),
    /** A table of an Iceberg Hadoop catalog whose warehouse is the data directory: its files are under {@code iceberg/}. */
    ICEBERG("iceberg", "Apache Iceberg");

    /** The table's directory under the data directory. */
    final String directory;
    final String label;

    TableFormat(String directory, String label) {
        this.directory = directory;
        this.label = label;
    }
}
