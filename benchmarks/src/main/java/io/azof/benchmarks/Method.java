package io.azof.benchmarks;

/** The ways of answering a question about the history that the benchmark times against each other. */
public enum Method {
    /** {@code spark.read.format("azof").option("asOf", T)}: the as-of read under test. */
    AZOF("azof as-of", true),
    /** The same azof read of the same table after compaction (its latest version; {@link #AZOF} reads the version before). */
    AZOF_COMPACTED("azof compacted", true),
    /** What a Spark user writes without azof: filter to T, then row_number() per key over the flat Parquet history. */
    WINDOW("window / Parquet", true),
    /** The same window query over a Delta Lake table of the same history. */
    DELTA("window / Delta", true),
    /** The same window query over an Apache Iceberg table of the same history. */
    ICEBERG("window / Iceberg", true),
    /**
     * Filter to T and aggregate, over the flat Parquet history: a different (larger) answer, but the least any
     * as-of method must do — read the columns of every row up to T — so it is the floor the others are held to.
     */
    SCAN("scan / Parquet", false);

    final String label;
    /** Whether the method answers the as-of question, so that its answer must equal the other as-of methods'. */
    final boolean asOf;

    Method(String label, boolean asOf) {
        this.label = label;
        this.asOf = asOf;
    }
}
