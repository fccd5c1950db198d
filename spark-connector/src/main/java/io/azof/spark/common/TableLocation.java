package io.azof.spark.common;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.io.TableStorage;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Where a read or write goes: the table path from the options and the Hadoop configuration to reach it,
 * so {@code spark.hadoop.*} settings and per-read or per-write file system options (for example
 * {@code fs.s3a.endpoint}) reach the storage layer on the driver and, shipped, on executors.
 */
public record TableLocation(String path, Configuration hadoopConf) {
    public static final String PATH_OPTION = "path";

    public static TableLocation fromOptions(Map<String, String> options) {
        String path = new CaseInsensitiveStringMap(options).get(PATH_OPTION);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("azof needs exactly one table path: use load(path) / save(path) or option(\"path\", path)");
        }
        return new TableLocation(path, hadoopConf(options));
    }

    /** The table at {@code path}, reached with the session's Hadoop configuration. */
    public static TableLocation of(String path) {
        return fromOptions(Map.of(PATH_OPTION, path));
    }

    /** The table here, through format-core's API. */
    public Table table() {
        return Table.forStorage(storage());
    }

    public TableStorage storage() {
        return storage(path, hadoopConf);
    }

    /** The files of the table at {@code path}: on executors, with the configuration the driver shipped. */
    public static TableStorage storage(String path, Configuration conf) {
        return new HadoopStorage(conf).table(path);
    }

    /**
     * The session's Hadoop configuration plus the options, as Spark's own file sources build it
     * ({@code SessionState.newHadoopConfWithOptions}); done here in Java so the connector does not depend
     * on the Scala collections of one Scala version.
     */
    private static Configuration hadoopConf(Map<String, String> options) {
        Configuration conf = SparkSession.active().sessionState().newHadoopConf();
        options.forEach((key, value) -> {
            if (value != null && !key.equalsIgnoreCase(PATH_OPTION) && !key.equalsIgnoreCase("paths")) {
                conf.set(key, value);
            }
        });
        return conf;
    }
}
