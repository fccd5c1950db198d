package io.azof.benchmarks;

/** The three ways the benchmark stores the same history. */
public enum TableFormat {
    AZOF("azof", "azof"),
    PARQUET("parquet", "Parquet (flat)"),
    DELTA("delta", "Delta Lake");

    /** The table's directory under the data directory. */
    final String directory;
    final String label;

    TableFormat(String directory, String label) {
        this.directory = directory;
        this.label = label;
    }
}
