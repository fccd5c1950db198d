package io.azof.core;

import io.azof.core.io.CloseableIterator;
import io.azof.core.metadata.Snapshot;
import io.azof.core.plan.KeyRangeSections;
import io.azof.core.plan.ManifestPruning;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.ScanFilter;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.plan.VersionedPlanner;
import io.azof.core.scan.BoundedRuns;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.core.time.AsOf;
import io.azof.core.types.KeyOrdering;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read of a table as of an event time (SPEC section 1): per key, the record with the greatest event time at or
 * before it, among the records of one version. Built without I/O; {@link #planTasks()} and {@link #rows()} read
 * the snapshot (once) and plan.
 *
 * <p>Rows are {@code Object[]}: the key columns, the event time (epoch microseconds), then the selected payload
 * columns in the order selected, each value in the representation of {@link io.azof.core.types.DataType}.
 */
public final class TableScan {
    /** Spark's default {@code spark.sql.files.maxPartitionBytes}. */
    public static final long DEFAULT_SPLIT_BYTES = 128L * 1024 * 1024;

    private final Table table;
    private AsOf asOf = AsOf.current();
    private VersionSelector version = VersionSelector.latest();
    private Snapshot pinned;
    /** What {@link #planned} read: only the files this read can need, never handed out as the snapshot. */
    private Snapshot pruned;
    private List<String> columns;
    private ScanFilter filter = ScanFilter.none();
    private long splitBytes = DEFAULT_SPLIT_BYTES;
    private int maxOpenFiles = BoundedRuns.DEFAULT_MAX_OPEN_FILES;
    private Path spillRoot = BoundedRuns.defaultSpillRoot();

    TableScan(Table table) {
        this.table = table;
    }

    /** The event time to read at (inclusive); {@link AsOf#current()} (the default) reads each key's latest record. */
    public TableScan asOf(AsOf eventTime) {
        this.asOf = Objects.requireNonNull(eventTime, "asOf");
        this.pruned = null;
        return this;
    }

    /** Reads the table as it was at snapshot {@code version} (bitemporal: as of the event time, as known then). */
    public TableScan atVersion(long snapshotVersion) {
        return selectVersion(VersionSelector.version(snapshotVersion));
    }

    /** Reads the table as it was at system time {@code systemTime}: its latest version committed at or before it. */
    public TableScan atSystemTime(Instant systemTime) {
        return selectVersion(VersionSelector.systemTime(systemTime.toEpochMilli()));
    }

    /** Reads the version {@code selector} picks, as the {@code versionAsOf} / {@code systemTimeAsOf} options do. */
    public TableScan atVersion(VersionSelector selector) {
        return selectVersion(Objects.requireNonNull(selector, "selector"));
    }

    private TableScan selectVersion(VersionSelector selector) {
        this.version = selector;
        this.pruned = null;
        this.pinned = null;
        return this;
    }

    /** Reads this snapshot, already read by the caller (an engine that resolved the schema from it). */
    public TableScan useSnapshot(Snapshot snapshot) {
        this.pinned = Objects.requireNonNull(snapshot, "snapshot");
        return this;
    }

    /** The payload columns to return, in this order; all of them (the default) when not called. */
    public TableScan select(List<String> payloadColumns) {
        this.columns = List.copyOf(payloadColumns);
        return this;
    }

    /**
     * Predicates that may act before the merge (key comparisons, event-time lower bounds; SPEC section 6.4): files,
     * row groups and pages that cannot match are skipped. Rows are not filtered by it: engines apply every predicate
     * after the merge.
     */
    public TableScan filter(ScanFilter pruning) {
        this.filter = Objects.requireNonNull(pruning, "filter");
        this.pruned = null;
        return this;
    }

    /** How much data one planned task holds at most, where a bucket's key ranges allow splitting it. */
    public TableScan targetSplitBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("targetSplitBytes must be positive, got " + bytes);
        }
        this.splitBytes = bytes;
        return this;
    }

    /**
     * The most data files one reader of this scan holds open at once (at least 2; default
     * {@value BoundedRuns#DEFAULT_MAX_OPEN_FILES}): a task with more first merges them in passes into local spills, so a
     * table after many small appends never exhausts a connection pool (SPEC section 6.4).
     */
    public TableScan maxOpenFiles(int files) {
        if (files < 2) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 2, got " + files);
        }
        this.maxOpenFiles = files;
        return this;
    }

    /**
     * Where {@link #rows()} puts the spills of a read that merges more than {@link #maxOpenFiles} files (default
     * {@code java.io.tmpdir}): a directory of its own under it, deleted when the rows are closed.
     */
    public TableScan spillRoot(Path directory) {
        this.spillRoot = Objects.requireNonNull(directory, "spillRoot");
        return this;
    }

    /** The snapshot this scan reads, every file of it. */
    public Snapshot snapshot() {
        if (pinned == null) {
            pinned = table.snapshot(version);
        }
        return pinned;
    }

    /**
     * The snapshot to plan from: the pinned one, or, read once, only the files the read can need (in format version 3
     * the planner then opens only the manifests of the segments, buckets and key ranges it touches; SPEC section 6.12).
     */
    private Snapshot planned() {
        if (pinned != null) {
            return pinned;
        }
        if (pruned == null) {
            pruned = table.snapshot(table.resolve(version), definition -> ManifestPruning.forRead(filter, asOf, definition));
        }
        return pruned;
    }

    /**
     * Tasks that can run in parallel and together return the read: per bucket of a table this project writes (a key
     * lives in exactly one bucket), sections of files with overlapping key ranges packed into splits of about
     * {@link #targetSplitBytes}; a single task for azof 0.2.1 tables (their files are neither sorted nor bucketed, so
     * one reader must see them all in planner order); none when no file matters.
     */
    public List<ScanTask> planTasks() {
        Snapshot snapshot = planned();
        List<String> requested = requestedColumns(snapshot);
        if (snapshot.isLegacy()) {
            return List.of(new ScanTask(SegmentPlanner.plan(snapshot, asOf), asOf, snapshot.table(), requested, filter, maxOpenFiles));
        }
        KeyOrdering keyOrder = KeyOrdering.of(snapshot.table().keySchema());
        List<ScanTask> tasks = new ArrayList<>();
        for (List<PlannedFile> bucket : VersionedPlanner.planByBucket(snapshot, asOf, filter).values()) {
            for (List<PlannedFile> split : KeyRangeSections.pack(KeyRangeSections.sections(bucket, keyOrder), splitBytes)) {
                tasks.add(new ScanTask(split, asOf, snapshot.table(), requested, filter, maxOpenFiles));
            }
        }
        return tasks;
    }

    /** The whole read in one task: every planned file merged by one reader, rows in key order. */
    public ScanTask planSingleTask() {
        Snapshot snapshot = planned();
        List<String> requested = requestedColumns(snapshot);
        List<PlannedFile> files = snapshot.isLegacy() ? SegmentPlanner.plan(snapshot, asOf) : VersionedPlanner.plan(snapshot, asOf, filter);
        return new ScanTask(files, asOf, snapshot.table(), requested, filter, maxOpenFiles);
    }

    /** The rows of the read, merged here by the core's reader, in key order. Close the iterator to release files. */
    public CloseableIterator<Object[]> rows() {
        return rows(new ScanMetrics());
    }

    /** As {@link #rows()}, counting what the read did into {@code metrics}. */
    public CloseableIterator<Object[]> rows(ScanMetrics metrics) {
        return planSingleTask().open(table.storage(), metrics, spillRoot);
    }

    private List<String> requestedColumns(Snapshot snapshot) {
        List<String> payload = snapshot.table().payloadColumns();
        if (columns == null) {
            return payload;
        }
        for (String column : columns) {
            if (!payload.contains(column)) {
                throw new IllegalArgumentException("Column '" + column + "' is not a payload column of table " + table.location() + " "
                        + payload);
            }
        }
        return columns;
    }
}
