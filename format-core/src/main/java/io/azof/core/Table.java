package io.azof.core;

import io.azof.core.commit.SnapshotCommitter;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionExpiredException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.io.Storage;
import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import io.azof.core.log.SnapshotLog;
import io.azof.core.maintenance.CompactionPolicy;
import io.azof.core.maintenance.CompactionResult;
import io.azof.core.maintenance.TableDetail;
import io.azof.core.maintenance.TableHistory;
import io.azof.core.maintenance.TableValidator;
import io.azof.core.maintenance.ValidationReport;
import io.azof.core.metadata.PartSelection;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.VersionHead;
import io.azof.core.write.WriteOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An azof table: the one public Java API of format-core (SPEC section 9 lists what is public). Reads start
 * from a snapshot or a scan; every change is an operation object that ends in {@code commit()}:
 * <pre>
 * Table table = Table.forPath(new HadoopStorage(conf), "s3a://lake/prices");
 * table.newAppend().writeId("batch-17").rows(schema, rows).commit();
 * try (CloseableIterator&lt;Object[]&gt; rows = table.newScan().asOf(AsOf.eventTime(t)).rows()) { ... }
 * table.newCompaction(CompactionPolicy.defaults()).commit();
 * table.expireVersions().retainLast(20).commit();
 * </pre>
 * A {@code Table} holds no state of the table itself: each call reads the snapshots it needs, so one instance
 * sees other writers' commits. Instances are cheap and thread-safe.
 */
public final class Table {
    private static final Logger LOG = LoggerFactory.getLogger(Table.class);

    private final TableStorage storage;
    private final Clock clock;

    private Table(TableStorage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The table at {@code path}, whether or not one is there yet: reads fail then, writes create it. */
    public static Table forPath(Storage storage, String path) {
        return forStorage(storage.table(path));
    }

    /** The table whose files {@code storage} holds; for engines and tests that reach the files their own way. */
    public static Table forStorage(TableStorage storage) {
        return new Table(storage, Clock.systemUTC());
    }

    /**
     * Creates an empty table at {@code path} as its version 1 (operation {@code create}).
     *
     * @throws TableAlreadyExistsException when a table is there, also when another writer created it meanwhile: creating
     *     version 1 is the same exclusive create that commits, so of concurrent creators exactly one wins
     */
    public static Table create(Storage storage, String path, TableDefinition definition) {
        Table table = forPath(storage, path);
        table.create(definition);
        return table;
    }

    /** As {@link #create(Storage, String, TableDefinition)}, on this table's location. */
    public void create(TableDefinition definition) {
        definition.requireWritable(location(), "create");
        newWrite(WriteOptions.definedBy(WriteOptions.Mode.CREATE, definition)).rows(definition.schema(), List.of()).commit();
    }

    /**
     * This table with another clock for the times commits record and vacuum measures from (tests that need commits
     * in the past, deterministic retention).
     */
    public Table withClock(Clock newClock) {
        return new Table(storage, newClock);
    }

    /** The table directory, e.g. {@code s3a://lake/prices}. */
    public String location() {
        return storage.tableLocation();
    }

    /** Whether a table is there: at least one snapshot exists. */
    public boolean exists() {
        return latestVersion() > 0;
    }

    /** The latest version's number, 0 when there is no table yet; reads no snapshot. */
    public long latestVersion() {
        return log().latestVersion();
    }

    /**
     * The latest snapshot.
     *
     * @throws TableNotFoundException when the location holds no azof table
     * @throws InvalidMetadataException when a metadata file is unreadable, naming the file and the field
     */
    public Snapshot latestSnapshot() {
        return snapshot(VersionSelector.latest());
    }

    /**
     * The snapshot of version {@code version}.
     *
     * @throws VersionNotFoundException when there is no such version, naming the versions that exist
     * @throws VersionExpiredException when it was expired, naming the versions retained
     */
    public Snapshot snapshot(long version) {
        return snapshot(VersionSelector.version(version));
    }

    /**
     * The snapshot current at system time {@code systemTime}: the latest version committed at or before it.
     *
     * @throws VersionNotFoundException when no version was committed by then
     * @throws VersionExpiredException when that version was expired
     */
    public Snapshot snapshotAt(Instant systemTime) {
        return snapshot(VersionSelector.systemTime(systemTime.toEpochMilli()));
    }

    /** The snapshot {@code selector} picks (as the {@code versionAsOf} / {@code systemTimeAsOf} read options do). */
    public Snapshot snapshot(VersionSelector selector) {
        return log().read(resolve(selector));
    }

    /**
     * The table definition and commit record of the version {@code selector} picks, without its files: what an engine needs
     * to resolve a read's schema, at the cost of one small file whatever the table's size (format version 3).
     */
    public VersionHead head(VersionSelector selector) {
        return VersionHead.of(log().readHead(resolve(selector)));
    }

    /**
     * Which event-time slots of [from, to) hold data, per key and table-wide, from the coverage the table records (SPEC section
     * 6.14): at the latest version unless the query says otherwise, computed by {@link CoverageQuery#compute()}.
     */
    public CoverageQuery coverage(Instant from, Instant to) {
        return new CoverageQuery(this, from, to, VersionSelector.latest(), null);
    }

    /** The snapshot of {@code version} with, in format version 3, only the files {@code selection} (given the table) needs. */
    Snapshot snapshot(long version, Function<TableDefinition, PartSelection> selection) {
        return log().read(version, selection);
    }

    /** The version {@code selector} picks. */
    long resolve(VersionSelector selector) {
        SnapshotLog log = log();
        long latest = log.latestVersion();
        if (latest == 0) {
            throw notFound("");
        }
        if (selector.version() != null) {
            return selector.version();
        }
        if (selector.systemTimeMillis() != null) {
            return log.versionAt(selector.systemTimeMillis());
        }
        return latest;
    }

    /**
     * One entry per version, newest first, expired versions included.
     *
     * @throws io.azof.core.exceptions.LegacyTableException for an azof 0.2.1 table, which records no commits
     */
    public List<TableHistory.VersionInfo> history() {
        return TableHistory.of(storage, head(VersionSelector.latest()));
    }

    /** What the table is now, from metadata alone (no data file is opened). */
    public TableDetail detail() {
        SnapshotFile latest = log().readHead(resolve(VersionSelector.latest()));
        return latest instanceof SnapshotRoot root ? TableDetail.of(storage, root) : TableDetail.of(storage, (Snapshot) latest);
    }

    /** A read of the table: as of an event time, at a version or system time, some columns, pruned by a filter. */
    public TableScan newScan() {
        return new TableScan(this);
    }

    /** Adds rows, creating the table when there is none. */
    public WriteOperation newAppend() {
        return newWrite(WriteOptions.append());
    }

    /** Replaces every record of the table by the rows written (creating the table when there is none). */
    public WriteOperation newOverwrite() {
        return newWrite(WriteOptions.of(WriteOptions.Mode.OVERWRITE));
    }

    /** Writes the table's first version, failing with {@link TableAlreadyExistsException} when the table exists. */
    public WriteOperation newCreate() {
        return newWrite(WriteOptions.of(WriteOptions.Mode.CREATE));
    }

    /** A write as {@code options} say, their mode included: for engines that parsed every option, the mode among them. */
    public WriteOperation newWrite(WriteOptions options) {
        return new WriteOperation(this, options);
    }

    /** Changes the schema (add columns, widen types, drop NOT NULL) as one new version. */
    public AlterSchemaOperation alterSchema() {
        return new AlterSchemaOperation(this);
    }

    /** Builds base files and merged runs so that as-of reads merge fewer files, as {@code policy} asks. */
    public CompactOperation newCompaction(CompactionPolicy policy) {
        return new CompactOperation(this, policy, false);
    }

    /**
     * The compaction writes run after their commit (SPEC section 6.8): nothing unless the table's {@code autoCompact} is on
     * and a read of the newest data would merge more than {@code autoCompact.maxRuns} files in some bucket. Engines that
     * build the files on workers run it themselves after a write (see {@link WriteOperation#compactAfterCommit}).
     */
    public CompactOperation newAutoCompaction() {
        return new CompactOperation(this, CompactionPolicy.afterWrites(), true);
    }

    /**
     * Runs {@link #newAutoCompaction()} here, and never fails: a compaction that loses a race is planned again once, then
     * dropped; any other failure is logged. A write's outcome never depends on it.
     *
     * @return what it did, or null when it failed or was dropped
     */
    public CompactionResult compactAfterWrite() {
        return compactAfterWrite(CompactOperation::commit);
    }

    /**
     * As {@link #compactAfterWrite()}, each attempt run by {@code runner}: an engine's, which builds the files on its
     * workers before committing.
     */
    public CompactionResult compactAfterWrite(Function<CompactOperation, CompactionResult> runner) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                return runner.apply(newAutoCompaction());
            } catch (CommitConflictException e) {
                LOG.info("Compaction after a write to {} lost a race ({}){}", location(), e.getMessage(), attempt == 1 ? "; planning again" : "");
            } catch (RuntimeException e) {
                LOG.warn("Compaction after a write to {} failed; the write is committed, the table is as it was", location(), e);
                return null;
            }
        }
        return null;
    }

    /** Changes the properties that can change ({@code autoCompact}, {@code autoCompact.maxRuns}) as one new version. */
    public UpdatePropertiesOperation updateProperties() {
        return new UpdatePropertiesOperation(this);
    }

    /** Expires old versions: reads of them then fail, and vacuum may delete the files only they used. */
    public ExpireVersionsOperation expireVersions() {
        return new ExpireVersionsOperation(this);
    }

    /** Deletes files no retained version references, once they are older than the retention. */
    public VacuumOperation vacuum() {
        return new VacuumOperation(this);
    }

    /**
     * Upgrades this format version 2 table in place to format version 3 in one commit (SPEC section 6.13); azof 0.2.1 tables
     * are upgraded to a new table with {@link #newUpgrade} instead.
     */
    public FormatUpgradeOperation newFormatUpgrade() {
        return new FormatUpgradeOperation(this);
    }

    /** Rewrites this azof 0.2.1 table as version 1 of a new table at {@code target}, keeping every as-of answer. */
    public UpgradeOperation newUpgrade(Table target) {
        return new UpgradeOperation(this, target);
    }

    /** Checks metadata and data file footers; never changes anything. */
    public ValidationReport validate() {
        return validate(false);
    }

    /** @param deep also read every record of every data file (order, buckets, exact statistics) */
    public ValidationReport validate(boolean deep) {
        return TableValidator.validate(storage, deep);
    }

    // For the operations of this package.

    TableStorage storage() {
        return storage;
    }

    Clock clock() {
        return clock;
    }

    SnapshotLog log() {
        return new SnapshotLog(storage);
    }

    SnapshotCommitter committer() {
        return new SnapshotCommitter(storage, clock::millis);
    }

    /** The latest snapshot of a table an operation changes: it must exist and be writable. */
    Snapshot latestWritable(String operation) {
        SnapshotLog log = log();
        long latest = log.latestVersion();
        if (latest == 0) {
            throw notFound("; " + operation + " changed nothing");
        }
        Snapshot snapshot = log.read(latest);
        snapshot.table().requireWritable(location(), operation);
        return snapshot;
    }

    TableNotFoundException notFound(String consequence) {
        return new TableNotFoundException("No azof table at " + location() + ": there is no snapshot file (" + MetadataFiles.snapshotFile(1)
                + ", ...) and " + MetadataFiles.VERSION_HINT + " is missing or unreadable (" + storage.location(MetadataFiles.VERSION_HINT)
                + ")" + consequence);
    }

    @Override
    public String toString() {
        return "azof table " + location();
    }
}
