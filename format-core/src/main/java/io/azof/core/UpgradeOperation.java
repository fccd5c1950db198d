package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.LegacyTableUpgrade.LegacyRecords;
import io.azof.core.maintenance.LegacyTableUpgrade;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.types.StructType;
import io.azof.core.write.PreparedWrite;
import java.util.List;
import java.util.Objects;

/**
 * Upgrade of an azof 0.2.1 table ({@link Table#newUpgrade}; SPEC section 6.7): its whole event-time history rewritten
 * as version 1 of a new table at the target, sorted and bucketed, so that every as-of read of the new table returns
 * what the old one returns. The source is only read.
 *
 * <p>The target must hold no table. That is checked before anything is read, and guaranteed by the commit: version 1
 * is created exclusively, so if another writer creates a table at the target meanwhile, the upgrade commits nothing
 * and fails with {@link TableAlreadyExistsException}.
 */
public final class UpgradeOperation {
    private final Table source;
    private final Table target;
    private SegmentGranularity granularity = TableDefinition.DEFAULT_GRANULARITY;
    private int buckets = TableDefinition.DEFAULT_BUCKETS;

    UpgradeOperation(Table source, Table target) {
        this.source = source;
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The new table's segment granularity (default month). */
    public UpgradeOperation granularity(SegmentGranularity segmentGranularity) {
        this.granularity = Objects.requireNonNull(segmentGranularity, "granularity");
        return this;
    }

    /** The new table's key-hash bucket count (default 4). */
    public UpgradeOperation buckets(int count) {
        this.buckets = count;
        return this;
    }

    /**
     * Reads the source's latest snapshot and writes it as the target's version 1.
     *
     * @throws TableNotFoundException when the source holds no azof table (naming it)
     * @throws AzofException when the source is not an azof 0.2.1 table (naming its format)
     * @throws TableAlreadyExistsException when the target holds a table, or another writer created one there meanwhile
     * @throws InvalidOptionException for a bucket count outside 1..4096
     */
    public LegacyTableUpgrade.Result commit() {
        try {
            return upgrade();
        } catch (TableAlreadyExistsException e) {
            throw new TableAlreadyExistsException("Target " + target.location() + " already holds a table; an upgrade writes a new table,"
                    + " so give a location without one. Nothing was committed (" + e.getMessage() + ")");
        }
    }

    private LegacyTableUpgrade.Result upgrade() {
        Snapshot snapshot = legacySnapshot();
        StructType schema = LegacyTableUpgrade.upgradedSchema(snapshot.table());
        WriteOperation write = target.newCreate()
                .keyColumns(TableSchema.KEY_COLUMN)
                .eventTimeColumn(TableSchema.EVENT_TIME_COLUMN)
                .layout(granularity, buckets)
                // An upgrade writes version 1 and only that; the table compacts after its first write, or by hand.
                .compactAfterCommit(false);
        // Checks the target and the layout options before anything is read.
        PreparedWrite prepared = write.prepare(schema);

        List<String> columns = snapshot.table().schema().fieldNames();
        LegacyRecords records = LegacyTableUpgrade.records(snapshot,
                file -> ParquetRowFileReader.open(source.storage(), file, snapshot.table().schema(), columns));
        CommitResult commit = write.addFiles(prepared.writeFiles(target.storage(), records.records())).commit();
        Snapshot written = target.snapshot(commit.version());
        return new LegacyTableUpgrade.Result(source.location(), snapshot.version(), records.filesRead(), records.rowsRead(),
                target.location(), commit.version(), records.records().size(), records.keys(), written.commit().filesAdded(),
                records.duplicateRows(), records.conflicts(), records.firstSegmentStartMicros(), records.recordsBeforeFirstSegment());
    }

    private Snapshot legacySnapshot() {
        Snapshot snapshot;
        try {
            snapshot = source.latestSnapshot();
        } catch (TableNotFoundException e) {
            throw new TableNotFoundException("Source " + source.location() + " is not an azof 0.2.1 table: " + e.getMessage(), e);
        }
        if (!snapshot.isLegacy()) {
            throw new AzofException("Source " + source.location() + " is not an azof 0.2.1 table: it is a format version "
                    + snapshot.formatVersion() + " table (version " + snapshot.version() + "), which already has the fast layout");
        }
        return snapshot;
    }
}
