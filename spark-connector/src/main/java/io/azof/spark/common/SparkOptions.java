package io.azof.spark.common;

import io.azof.core.OptionNames;
import io.azof.core.exceptions.InvalidOptionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.internal.SQLConf;

/** The connector's name for Spark and the check of the options a read or write is given. */
public final class SparkOptions {
    /** {@code spark.read.format("azof")}, {@code USING azof}. */
    public static final String FORMAT = "azof";
    /** The data source's class, which catalogs may record as a table's provider instead of {@link #FORMAT}. */
    public static final String DATA_SOURCE_CLASS = "io.azof.spark.AzofDataSource";

    /**
     * The most data files one read or compaction task holds open at once (SPEC section 6.4): a task with more pre-merges
     * them into local spills first. The default for tables on object stores fits S3A's default connection pool at Spark's
     * default task slots ({@link SparkLine#DEFAULT_MAX_OPEN_FILES}, per Spark line); elsewhere it is
     * {@link #UNPOOLED_MAX_OPEN_FILES}.
     */
    public static final String MAX_OPEN_FILES = "spark.azof.read.maxOpenFiles";

    /**
     * The default of {@value #MAX_OPEN_FILES} for tables on the local file system and HDFS, which hold no connection pool
     * that open files could exhaust: pre-merging into spills costs a second pass over the rows it copies (a read of 48
     * monthly files took about twice as long with 8), so the bound there only caps file handles.
     */
    public static final int UNPOOLED_MAX_OPEN_FILES = 64;

    /** File systems whose open files hold no connection of a bounded pool. */
    private static final Set<String> UNPOOLED_SCHEMES = Set.of("file", "hdfs", "viewfs");

    /** Options Spark itself adds to reads and writes, never typos of azof's. */
    private static final List<String> SPARK_OWN = List.of(TableLocation.PATH_OPTION, "paths");

    private SparkOptions() {
    }

    /**
     * {@value #MAX_OPEN_FILES} from the session's configuration, or the default for the file system of the table at
     * {@code location}: the Spark line's for object stores, {@link #UNPOOLED_MAX_OPEN_FILES} for the local file system
     * and HDFS.
     */
    public static int maxOpenFiles(SQLConf conf, TableLocation location) {
        int defaultFiles = UNPOOLED_SCHEMES.contains(scheme(location)) ? UNPOOLED_MAX_OPEN_FILES : SparkLine.DEFAULT_MAX_OPEN_FILES;
        String value = conf.getConfString(MAX_OPEN_FILES, Integer.toString(defaultFiles));
        int files;
        try {
            files = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            files = 0;
        }
        if (files < 2) {
            throw new InvalidOptionException("Invalid value for " + MAX_OPEN_FILES + ": '" + value + "'. Give a whole number of at least 2"
                    + " (default " + defaultFiles + " for " + location.path() + ")");
        }
        return files;
    }

    /** The scheme of the table's file system; a path without one is on the configuration's default file system. */
    private static String scheme(TableLocation location) {
        String scheme = new Path(location.path()).toUri().getScheme();
        return (scheme != null ? scheme : FileSystem.getDefaultUri(location.hadoopConf()).getScheme()).toLowerCase(Locale.ROOT);
    }

    /**
     * Fails on an option one or two edits from an azof option ({@code asOff}, {@code keyColumn}): it would otherwise
     * pass through unused, as file system settings do, and the read or write would silently ignore it.
     */
    public static void rejectNearMisses(Map<String, String> options) {
        OptionNames.rejectNearMisses(options.keySet(), SPARK_OWN);
    }
}
