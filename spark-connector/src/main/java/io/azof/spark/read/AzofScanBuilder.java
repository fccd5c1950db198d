package io.azof.spark.read;

import io.azof.core.metadata.Snapshot;
import io.azof.core.scan.ScanTask;
import io.azof.core.time.AsOf;
import io.azof.core.time.TimeStrings;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Builds the as-of read of one table. Only column pruning is accepted: a predicate on a payload column
 * applied before the merge would let a stale row of a key surface once its newer row is filtered out,
 * so Spark keeps every filter above the scan.
 */
public final class AzofScanBuilder implements SupportsPushDownRequiredColumns {
    /** Event time to read the table at; absent means current. */
    public static final String AS_OF_OPTION = "asOf";

    private final String tablePath;
    private final Configuration hadoopConf;
    private final Snapshot snapshot;
    private final CaseInsensitiveStringMap options;
    private StructType readSchema;

    public AzofScanBuilder(String tablePath, Configuration hadoopConf, Snapshot snapshot, StructType tableSchema,
                           CaseInsensitiveStringMap options) {
        this.tablePath = tablePath;
        this.hadoopConf = hadoopConf;
        this.snapshot = snapshot;
        this.options = options;
        this.readSchema = tableSchema;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.readSchema = requiredSchema;
    }

    /** Parses {@value #AS_OF_OPTION} and plans the files here, on the driver, so bad input fails before any job. */
    @Override
    public Scan build() {
        ZoneId sessionZone = DateTimeUtils.getZoneId(SQLConf.get().sessionLocalTimeZone());
        AsOf asOf = TimeStrings.parseAsOf(AS_OF_OPTION, options.get(AS_OF_OPTION), sessionZone);
        List<String> payload = snapshot.table().payloadColumns();
        List<String> requested = new ArrayList<>();
        for (StructField field : readSchema.fields()) {
            if (payload.contains(field.name())) {
                requested.add(field.name());
            }
        }
        List<ScanTask> tasks = ScanTask.planParallel(snapshot, asOf, requested);
        return new AzofScan(tablePath, hadoopConf, snapshot, asOf, tasks, readSchema);
    }
}
