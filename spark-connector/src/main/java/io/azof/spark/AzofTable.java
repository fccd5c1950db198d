package io.azof.spark;

import io.azof.core.ExpireVersionsOperation;
import io.azof.core.Table;
import io.azof.core.VacuumOperation;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.TableDetail;
import io.azof.core.maintenance.Vacuum;
import io.azof.core.maintenance.ValidationReport;
import io.azof.core.maintenance.VersionExpiry;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.Micros;
import io.azof.core.time.TimeStrings;
import io.azof.spark.catalog.CoverageRows;
import io.azof.spark.catalog.TableMetadataRows;
import io.azof.spark.common.SparkOptions;
import io.azof.spark.common.TableLocation;
import io.azof.spark.write.DistributedCompaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An azof table's maintenance from Spark, as Delta's {@code DeltaTable}: {@code AzofTable.forPath(spark, path)}
 * then {@link #compact()}, {@link #validate()}, {@link #expireVersions}, {@link #vacuum()}, {@link #history()},
 * {@link #detail()}, {@link #upgrade()}, and the time-series coverage of a table that records it: {@link #coverage},
 * {@link #gaps}, {@link #tableCoverage}, {@link #tableGaps}. Results come back as DataFrames, so notebooks (PySpark
 * included) show them as tables.
 *
 * <p>A thin layer over format-core's API; only compaction runs work on the executors.
 */
public final class AzofTable {
    /** Set to false to let {@link #vacuum(double)} take a retention under 7 days (as Delta's retentionDurationCheck). */
    public static final String RETENTION_CHECK = "spark.azof.vacuum.retentionCheck.enabled";

    private final SparkSession spark;
    private final TableLocation location;
    private final Table table;

    private AzofTable(SparkSession spark, TableLocation location) {
        this.spark = spark;
        this.location = location;
        this.table = location.table();
    }

    /**
     * The table at {@code path}, reached with the session's Hadoop configuration.
     *
     * @throws io.azof.core.exceptions.TableNotFoundException when no azof table is there
     */
    public static AzofTable forPath(SparkSession spark, String path) {
        SparkSession.setActiveSession(spark);
        AzofTable azofTable = new AzofTable(spark, TableLocation.of(path));
        azofTable.table.head(VersionSelector.latest());
        return azofTable;
    }

    /** The table's current state as a DataFrame, as {@code spark.read.format("azof").load(path)}. */
    public Dataset<Row> toDF() {
        return spark.read().format(SparkOptions.FORMAT).load(location.path());
    }

    /** Compacts with {@link CompactionPolicy#defaults()}. */
    public Dataset<Row> compact() {
        return compact(CompactionPolicy.defaults());
    }

    /**
     * Builds the bases {@code policy} asks for, one Spark task per segment and bucket, and commits them as
     * one new version; creates no version when there is nothing to do. A failed task leaves the table as it
     * was. Returns one row: version, committed, bases_written, rows_written, bases_replaced, runs_written, runs_replaced.
     */
    public Dataset<Row> compact(CompactionPolicy policy) {
        CompactionResult result = compactAndReport(policy);
        StructType schema = new StructType()
                .add("version", DataTypes.LongType, false)
                .add("committed", DataTypes.BooleanType, false)
                .add("bases_written", DataTypes.IntegerType, false)
                .add("rows_written", DataTypes.LongType, false)
                .add("bases_replaced", DataTypes.IntegerType, false)
                .add("runs_written", DataTypes.IntegerType, false)
                .add("runs_replaced", DataTypes.IntegerType, false);
        return spark.createDataFrame(List.of(RowFactory.create(result.version(), result.committed(), result.basesWritten(),
                result.rowsWritten(), result.basesReplaced(), result.runsWritten(), result.runsReplaced())), schema);
    }

    /** {@link #compact(CompactionPolicy)} with the core's typed result, for Java and Scala callers. */
    public CompactionResult compactAndReport(CompactionPolicy policy) {
        return DistributedCompaction.run(spark, location, table.newCompaction(policy));
    }

    /**
     * Upgrades a format version 2 table in place to format version 3 (SPEC section 6.13) in one commit, on the driver: the
     * latest version's file listing is written as manifests, no data file is read, written or moved, and every earlier
     * version stays readable. A table at format version 3 already is left as it is. Returns one row: version (the upgrade's,
     * or the latest when nothing was committed), committed, format_version.
     *
     * @throws io.azof.core.exceptions.LegacyTableException for an azof 0.2.1 table, which is upgraded to a new table instead
     */
    public Dataset<Row> upgrade() {
        CommitResult result = table.newFormatUpgrade().commit();
        StructType schema = new StructType()
                .add("version", DataTypes.LongType, false)
                .add("committed", DataTypes.BooleanType, false)
                .add("format_version", DataTypes.IntegerType, false);
        return spark.createDataFrame(List.of(RowFactory.create(result.version(), !result.skipped(), TableDefinition.MANIFEST_FORMAT)), schema);
    }

    /** Checks metadata and data file footers without changing anything; see {@link #validate(boolean)}. */
    public Dataset<Row> validate() {
        return validate(false);
    }

    /**
     * Checks the table (SPEC section 6.9) and never changes it. One row per problem: kind, severity (ERROR or
     * WARNING), location (snapshot file and field, data file) and message; no rows when nothing is wrong.
     *
     * @param deep also read every record of every data file (order, buckets, exact statistics)
     */
    public Dataset<Row> validate(boolean deep) {
        ValidationReport report = table.validate(deep);
        StructType schema = new StructType()
                .add("kind", DataTypes.StringType, false)
                .add("severity", DataTypes.StringType, false)
                .add("location", DataTypes.StringType, false)
                .add("message", DataTypes.StringType, false);
        List<Row> rows = report.problems().stream()
                .map(p -> RowFactory.create(p.kind().name(), p.severity().name(), p.location(), p.message()))
                .toList();
        return spark.createDataFrame(rows, schema);
    }

    /** Expires every version but the last {@code retainLast}; see {@link #expireVersions(String, int)}. */
    public Dataset<Row> expireVersions(int retainLast) {
        return expire(table.expireVersions().retainLast(retainLast));
    }

    /**
     * Expires the versions committed before {@code olderThan} (a time string as for {@code systemTimeAsOf}, in
     * the session time zone when it has none) that are not among the last {@code retainLast}. Reads of an
     * expired version then fail naming the versions still retained; {@link #vacuum()} can then delete files
     * only they used. Returns one row per version expired by this call.
     */
    public Dataset<Row> expireVersions(String olderThan, int retainLast) {
        return expire(table.expireVersions().olderThan(time("olderThan", olderThan)).retainLast(retainLast));
    }

    /** A time string as the read options take it, in the session time zone when it has none; {@code name} is for its error. */
    private Instant time(String name, String value) {
        return TimeStrings.parse(name, value, DateTimeUtils.getZoneId(spark.sessionState().conf().sessionLocalTimeZone()));
    }

    private Dataset<Row> expire(ExpireVersionsOperation expiry) {
        VersionExpiry.Result result = expiry.commit();
        StructType schema = new StructType().add("expired_version", DataTypes.LongType, false);
        return spark.createDataFrame(result.expiredVersions().stream().map(v -> RowFactory.create(v)).toList(), schema);
    }

    /** Deletes files no retained version references that are older than 7 days; see {@link #vacuum(double)}. */
    public Dataset<Row> vacuum() {
        return vacuum(table.vacuum());
    }

    /**
     * Deletes the data files that no retained version references and that were last modified more than
     * {@code retentionHours} ago, and leftovers of metadata writes that died. Under 168 hours (7 days) it
     * is refused, because a running writer's files are unreferenced until it commits, unless
     * {@code spark.azof.vacuum.retentionCheck.enabled} is false. Returns one row per file deleted: path, size,
     * modified.
     */
    public Dataset<Row> vacuum(double retentionHours) {
        return vacuum(withRetention(retentionHours));
    }

    /** What {@link #vacuum()} would delete, deleting nothing. */
    public Dataset<Row> vacuumDryRun() {
        return vacuum(table.vacuum().dryRun());
    }

    /** What {@link #vacuum(double)} would delete, deleting nothing. */
    public Dataset<Row> vacuumDryRun(double retentionHours) {
        return vacuum(withRetention(retentionHours).dryRun());
    }

    private VacuumOperation withRetention(double retentionHours) {
        VacuumOperation vacuum = table.vacuum().retention(Duration.ofMillis(Math.round(retentionHours * 3_600_000d)));
        boolean checked = Boolean.parseBoolean(spark.conf().get(RETENTION_CHECK, "true"));
        return checked ? vacuum : vacuum.allowShortRetention();
    }

    private Dataset<Row> vacuum(VacuumOperation vacuum) {
        Vacuum.Result result = vacuum.commit();
        StructType schema = new StructType()
                .add("path", DataTypes.StringType, false)
                .add("size", DataTypes.LongType, false)
                .add("modified", DataTypes.TimestampType, false);
        List<Row> rows = result.files().stream()
                .map(f -> RowFactory.create(f.path(), f.size(), Instant.ofEpochMilli(f.modifiedMillis())))
                .toList();
        return spark.createDataFrame(rows, schema);
    }

    /**
     * One row per version, newest first: version, committed_at, operation (create, append, overwrite, compact, alter),
     * write_id, rows_added, files_added, rows_removed, files_removed, and expired (true when the version can no
     * longer be read). The same rows as the catalog's metadata table {@code <table>.snapshots}.
     */
    public Dataset<Row> history() {
        TableMetadataRows.RowSet history = TableMetadataRows.snapshots(table);
        return spark.createDataFrame(history.rows(), history.schema());
    }

    /**
     * One row describing the table: location, format_version, version, committed_at, earliest_retained_version,
     * key_columns, event_time_column, segment_granularity, buckets, segments, delta_files, base_files,
     * size_bytes, records (as stored: bases repeat records), min_event_time, max_event_time.
     */
    public Dataset<Row> detail() {
        TableDetail detail = table.detail();
        StructType schema = new StructType()
                .add("location", DataTypes.StringType, false)
                .add("format_version", DataTypes.IntegerType, false)
                .add("version", DataTypes.LongType, false)
                .add("committed_at", DataTypes.TimestampType, true)
                .add("earliest_retained_version", DataTypes.LongType, false)
                .add("key_columns", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("event_time_column", DataTypes.StringType, false)
                .add("segment_granularity", DataTypes.StringType, true)
                .add("buckets", DataTypes.IntegerType, false)
                .add("segments", DataTypes.IntegerType, false)
                .add("delta_files", DataTypes.LongType, false)
                .add("base_files", DataTypes.LongType, false)
                .add("size_bytes", DataTypes.LongType, true)
                .add("records", DataTypes.LongType, true)
                .add("min_event_time", DataTypes.TimestampType, true)
                .add("max_event_time", DataTypes.TimestampType, true);
        Row row = RowFactory.create(detail.location(), detail.formatVersion(), detail.version(),
                detail.committedAtMillis() == null ? null : Instant.ofEpochMilli(detail.committedAtMillis()),
                detail.earliestRetainedVersion(), detail.keyColumns().toArray(String[]::new), detail.eventTimeColumn(),
                detail.segmentGranularity() == null ? null : detail.segmentGranularity().jsonName(), detail.buckets(), detail.segments(),
                detail.deltaFiles(), detail.baseFiles(), detail.totalBytes(), detail.totalRecords(),
                detail.minEventTimeMicros() == null ? null : Micros.toInstant(detail.minEventTimeMicros()),
                detail.maxEventTimeMicros() == null ? null : Micros.toInstant(detail.maxEventTimeMicros()));
        return spark.createDataFrame(List.of(row), schema);
    }

    /**
     * Which event-time slots of [from, to) hold data, per key, at the latest version (SPEC section 6.14; the table needs the
     * property {@code coverageGranularity}): one row per key with data in the version, in key order, with the key columns,
     * covered_slots, total_slots, ratio (covered over total) and max_gap_slots. The range is widened to whole slots; from
     * and to are time strings as for {@code asOf}, in the session time zone when they have none. Answered from the coverage
     * the table's commits recorded: no data file is read.
     *
     * @throws io.azof.core.exceptions.InvalidOptionException for a bad time (naming from or to), from not before to, or a
     *     table that records no coverage
     */
    public Dataset<Row> coverage(String from, String to) {
        return coverage(CoverageRows.View.KEYS, from, to, VersionSelector.latest());
    }

    /**
     * {@link #coverage(String, String)} as of snapshot {@code version}.
     *
     * @throws io.azof.core.exceptions.VersionNotFoundException for a version that does not exist or was expired
     */
    public Dataset<Row> coverage(String from, String to, long version) {
        return coverage(CoverageRows.View.KEYS, from, to, VersionSelector.version(version));
    }

    /**
     * The gaps of each key in [from, to) at the latest version: the maximal runs of slots without its data, one row per gap
     * with the key columns, gap_start, gap_end (the gap is [gap_start, gap_end)) and slots, by key and then time. Arguments
     * and errors as for {@link #coverage(String, String)}.
     */
    public Dataset<Row> gaps(String from, String to) {
        return coverage(CoverageRows.View.KEY_GAPS, from, to, VersionSelector.latest());
    }

    /** {@link #gaps(String, String)} as of snapshot {@code version}. */
    public Dataset<Row> gaps(String from, String to, long version) {
        return coverage(CoverageRows.View.KEY_GAPS, from, to, VersionSelector.version(version));
    }

    /**
     * The coverage of [from, to) over the whole table at the latest version, a slot being covered when any key covers it:
     * one row with covered_slots, total_slots, ratio and max_gap_slots. Arguments and errors as for
     * {@link #coverage(String, String)}.
     */
    public Dataset<Row> tableCoverage(String from, String to) {
        return coverage(CoverageRows.View.TABLE, from, to, VersionSelector.latest());
    }

    /** {@link #tableCoverage(String, String)} as of snapshot {@code version}. */
    public Dataset<Row> tableCoverage(String from, String to, long version) {
        return coverage(CoverageRows.View.TABLE, from, to, VersionSelector.version(version));
    }

    /**
     * The gaps of the whole table in [from, to) at the latest version, slots without data of any key: one row per gap with
     * gap_start, gap_end and slots, in time order. Arguments and errors as for {@link #coverage(String, String)}.
     */
    public Dataset<Row> tableGaps(String from, String to) {
        return coverage(CoverageRows.View.TABLE_GAPS, from, to, VersionSelector.latest());
    }

    /** {@link #tableGaps(String, String)} as of snapshot {@code version}. */
    public Dataset<Row> tableGaps(String from, String to, long version) {
        return coverage(CoverageRows.View.TABLE_GAPS, from, to, VersionSelector.version(version));
    }

    private Dataset<Row> coverage(CoverageRows.View view, String from, String to, VersionSelector version) {
        TableMetadataRows.RowSet rows = CoverageRows.of(view, table, table.coverage(time("from", from), time("to", to)).asOf(version));
        return spark.createDataFrame(rows.rows(), rows.schema());
    }

    public String path() {
        return location.path();
    }
}
