package io.azof.spark.common;

import io.azof.core.OptionNames;
import io.azof.core.exceptions.InvalidOptionException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.internal.SQLConf;

/** The connector's name for Spark and the check of the options a read or write is given. */
public final class SparkOptions {
    /** {@code spark.read.format("azof")}, {@code USING azof}. */
    public static final String FORMAT = "azof";
    /** The data source's class, which catalogs may record as a table's provider instead of {@link #FORMAT}. */
    public static final String DATA_SOURCE_CLASS = "io.azof.spark.AzofDataSource";

    /**
     * The most data files one read or compaction task holds open at once (SPEC section 6.4): a task with more pre-merges
     * them into local spills first. The default fits S3A's default connection pool at Spark's default task slots
     * ({@link SparkLine#DEFAULT_MAX_OPEN_FILES}, per Spark line).
     */
    public static final String MAX_OPEN_FILES = "spark.azof.read.maxOpenFiles";

    /** Options Spark itself adds to reads and writes, never typos of azof's. */
    private static final List<String> SPARK_OWN = List.of(TableLocation.PATH_OPTION, "paths");

    private SparkOptions() {
    }

    /** {@value #MAX_OPEN_FILES} from the session's configuration, or the Spark line's default. */
    public static int maxOpenFiles(SQLConf conf) {
        String value = conf.getConfString(MAX_OPEN_FILES, Integer.toString(SparkLine.DEFAULT_MAX_OPEN_FILES));
        int files;
        try {
            files = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            files = 0;
        }
        if (files < 2) {
            throw new InvalidOptionException("Invalid value for " + MAX_OPEN_FILES + ": '" + value + "'. Give a whole number of at least 2"
                    + " (default " + SparkLine.DEFAULT_MAX_OPEN_FILES + ")");
        }
        return files;
    }

    /**
     * Fails on an option one or two edits from an azof option ({@code asOff}, {@code keyColumn}): it would otherwise
     * pass through unused, as file system settings do, and the read or write would silently ignore it.
     */
    public static void rejectNearMisses(Map<String, String> options) {
        OptionNames.rejectNearMisses(options.keySet(), SPARK_OWN);
    }
}
