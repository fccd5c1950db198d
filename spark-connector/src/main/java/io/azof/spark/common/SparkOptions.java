package io.azof.spark.common;

import io.azof.core.OptionNames;
import java.util.List;
import java.util.Map;

/** The connector's name for Spark and the check of the options a read or write is given. */
public final class SparkOptions {
    /** {@code spark.read.format("azof")}, {@code USING azof}. */
    public static final String FORMAT = "azof";
    /** The data source's class, which catalogs may record as a table's provider instead of {@link #FORMAT}. */
    public static final String DATA_SOURCE_CLASS = "io.azof.spark.AzofDataSource";

    /** Options Spark itself adds to reads and writes, never typos of azof's. */
    private static final List<String> SPARK_OWN = List.of(TableLocation.PATH_OPTION, "paths");

    private SparkOptions() {
    }

    /**
     * Fails on an option one or two edits from an azof option ({@code asOff}, {@code keyColumn}): it would otherwise
     * pass through unused, as file system settings do, and the read or write would silently ignore it.
     */
    public static void rejectNearMisses(Map<String, String> options) {
        OptionNames.rejectNearMisses(options.keySet(), SPARK_OWN);
    }
}
