package io.azof.spark;

import io.azof.core.io.HadoopTableStorage;
import io.azof.core.table.AzofTable;
import io.azof.core.table.VersionSelector;
import java.time.ZoneId;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.internal.SQLConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Entry point of {@code spark.read.format("azof").load(tablePath)}: opens the table at the given path with
 * the session's Hadoop configuration, so {@code spark.hadoop.*} settings and per-read file system options
 * (for example {@code fs.s3a.endpoint}) reach the storage layer.
 */
public final class AzofDataSource implements TableProvider, DataSourceRegister {
    public static final String SHORT_NAME = "azof";
    public static final String PATH_OPTION = "path";

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return load(options.asCaseSensitiveMap()).schema();
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return load(properties);
    }

    private static AzofSparkTable load(Map<String, String> options) {
        String path = tablePath(new CaseInsensitiveStringMap(options));
        Configuration conf = hadoopConf(options);
        HadoopTableStorage storage;
        try {
            storage = new HadoopTableStorage(path, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the file system of azof table " + path + ": " + e.getMessage(), e);
        }
        ZoneId sessionZone = DateTimeUtils.getZoneId(SQLConf.get().sessionLocalTimeZone());
        CaseInsensitiveStringMap byName = new CaseInsensitiveStringMap(options);
        VersionSelector selector = VersionSelector.fromOptions(
                byName.get(VersionSelector.VERSION_AS_OF), byName.get(VersionSelector.SYSTEM_TIME_AS_OF), sessionZone);
        return new AzofSparkTable(path, conf, AzofTable.open(storage, selector).snapshot());
    }

    private static String tablePath(CaseInsensitiveStringMap options) {
        String path = options.get(PATH_OPTION);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("azof needs exactly one table path: use load(path) or option(\"path\", path)");
        }
        return path;
    }

    /**
     * The session's Hadoop configuration plus the read's options, as Spark's own file sources build it
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
