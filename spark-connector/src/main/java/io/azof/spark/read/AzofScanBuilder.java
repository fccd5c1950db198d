package io.azof.spark.read;

import io.azof.core.OptionNames;
import io.azof.core.metadata.VersionHead;
import io.azof.core.scan.ScanTask;
import io.azof.core.time.AsOf;
import io.azof.core.time.TimeStrings;
import io.azof.spark.common.SparkOptions;
import io.azof.spark.common.TableLocation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Builds the as-of read of one table: prunes columns, and prunes files, row groups and pages by the
 * predicates that may act before the merge (key comparisons, event-time lower bounds; see
 * {@link PruningFilters}). Every predicate stays above the scan as well: a predicate on a payload column
 * applied before the merge would let a stale row of a key surface once its newer row is filtered out.
 */
public final class AzofScanBuilder implements SupportsPushDownRequiredColumns, SupportsPushDownFilters {
    private final TableLocation location;
    private final VersionHead head;
    private final CaseInsensitiveStringMap options;
    private StructType readSchema;
    private PruningFilters.Translation pruning;

    /**
     * @param head the version the table was loaded at, whose schema Spark already resolved: the scan reads that version,
     *     and in format version 3 opens only the manifests its as-of time and key filters can touch
     */
    public AzofScanBuilder(TableLocation location, VersionHead head, StructType tableSchema, CaseInsensitiveStringMap options) {
        this.location = location;
        this.head = head;
        this.options = options;
        this.readSchema = tableSchema;
        this.pruning = PruningFilters.translate(head.table(), new Filter[0]);
    }

    /** Keeps what can prune and hands every filter back, so Spark evaluates them all after the merge. */
    @Override
    public Filter[] pushFilters(Filter[] filters) {
        pruning = PruningFilters.translate(head.table(), filters);
        return filters;
    }

    @Override
    public Filter[] pushedFilters() {
        return pruning.used().toArray(Filter[]::new);
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.readSchema = requiredSchema;
    }

    /** Parses {@value OptionNames#AS_OF} and plans the files here, on the driver, so bad input fails before any job. */
    @Override
    public Scan build() {
        ZoneId sessionZone = DateTimeUtils.getZoneId(SQLConf.get().sessionLocalTimeZone());
        AsOf asOf = TimeStrings.parseAsOf(OptionNames.AS_OF, options.get(OptionNames.AS_OF), sessionZone);
        List<String> payload = head.table().payloadColumns();
        List<String> requested = new ArrayList<>();
        for (StructField field : readSchema.fields()) {
            if (payload.contains(field.name())) {
                requested.add(field.name());
            }
        }
        List<ScanTask> tasks = location.table().newScan()
                .atVersion(head.version())
                .asOf(asOf)
                .select(requested)
                .filter(pruning.filter())
                .targetSplitBytes(SQLConf.get().filesMaxPartitionBytes())
                .maxOpenFiles(SparkOptions.maxOpenFiles(SQLConf.get(), location))
                .planTasks();
        return new AzofScan(location, head, asOf, pruning.filter(), tasks, readSchema);
    }
}
