package io.azof.benchmarks;

/** The ways the benchmark stores the same history. */
public enum TableFormat {
    AZOF("azof", "azof"),
    PARQUET("parquet", "Parquet (flat)"),
    /**
     * Parquet as a user would lay it out for reads by key: hash-partitioned by key into the write's tasks and sorted by
     * (key, event time) within each file, by Spark's own exchange and sorter. Only written: it prices the shuffle and the
     * sort that any key-clustered, sorted layout (azof's among them) pays on top of a flat write.
     */
    PARQUET_SORTED("parquet-sorted", "Parquet (by key, sorted)"),
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
