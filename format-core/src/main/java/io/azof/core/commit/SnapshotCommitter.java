package io.azof.core.commit;

import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.ManifestStore;
import io.azof.core.log.MetadataFiles;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.SchemaChanges;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.VersionHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The one commit path: turns a {@link PendingCommit} into snapshot version N+1, created only if absent,
 * re-basing on versions other writers committed meanwhile when that is safe (SPEC section 6.5).
 */
public final class SnapshotCommitter {
    /** Enough for dozens of concurrent appenders; each retry costs a few metadata reads. */
    public static final int MAX_ATTEMPTS = 100;

    private final TableStorage storage;
    private final LongSupplier clockMillis;

    public SnapshotCommitter(TableStorage storage) {
        this(storage, System::currentTimeMillis);
    }

    /** @param clockMillis the commit clock, replaceable so tests can commit in the past */
    public SnapshotCommitter(TableStorage storage, LongSupplier clockMillis) {
        this.storage = storage;
        this.clockMillis = clockMillis;
    }

    public CommitResult commit(PendingCommit written) {
        SnapshotLog log = new SnapshotLog(storage);
        PendingCommit pending = written;
        long rowsDropped = 0;
        SnapshotFile compactionRead = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long latest = log.latestVersion();
            // Format version 3: the root only; the commit reads the manifests of the parts it changes.
            SnapshotFile base = latest == 0 ? null : log.readHead(latest);
            CommitInfo baseCommit = base == null ? null : commitOf(base);
            if (pending.writeId() != null && baseCommit != null && baseCommit.hasCommitted(pending.writeId())) {
                return new CommitResult(latest, true, attempt);
            }
            if (pending.newTableOnly() && base != null) {
                // Version 1 exists: another writer created the table first, possibly by winning the create this commit lost.
                throw TableAlreadyExistsException.at(storage.tableLocation(), latest);
            }
            if (base != null) {
                tableOf(base).requireWritable(storage.tableLocation(), pending.operation().label());
            }
            if (pending.operation() == PendingCommit.Operation.UPGRADE) {
                if (base == null) {
                    throw new IllegalStateException("an upgrade needs an existing table at " + storage.tableLocation());
                }
                if (tableOf(base).usesManifests()) {
                    // Upgraded already, by this operation retried or by another: nothing to do.
                    return new CommitResult(latest, true, attempt);
                }
            } else if (latest != pending.readVersion()) {
                if (pending.operation() == PendingCommit.Operation.COMPACT && compactionRead == null) {
                    // The version a compaction read never changes: read once however many retries the commit takes.
                    compactionRead = log.readHead(pending.readVersion());
                }
                checkCanRebase(pending, base, compactionRead);
            }
            if (written.guard() != null && base instanceof SnapshotRoot latestRoot) {
                // Decided against this very version, from the files as written: a concurrent append is seen on the retry.
                ManifestStore store = new ManifestStore(storage, latestRoot.table().keySchema());
                CommitGuard.Decision decision = written.guard().decide(store.resolve(latestRoot), written.files());
                rowsDropped = decision.rowsDropped();
                if (decision.files().isEmpty()) {
                    return new CommitResult(latest, true, attempt, rowsDropped);
                }
                pending = written.withFiles(decision.files());
            }
            long version = latest + 1;
            byte[] json = nextVersion(base, baseCommit, pending, version, rowsDropped).getBytes(StandardCharsets.UTF_8);
            try {
                if (storage.createIfAbsent(MetadataFiles.snapshotFile(version), json)) {
                    writeHint(version);
                    return new CommitResult(version, false, attempt, rowsDropped);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + storage.location(MetadataFiles.snapshotFile(version))
                        + "; the table is unchanged unless that file exists now", e);
            }
            pauseBeforeRetry(attempt);
        }
        throw new AzofException("Gave up committing to " + storage.tableLocation() + " after " + MAX_ATTEMPTS
                + " attempts lost to concurrent writers; nothing was committed");
    }

    /** The snapshot file of {@code version}, in the format of the latest version (of the new table, for a create). */
    private String nextVersion(SnapshotFile base, CommitInfo baseCommit, PendingCommit pending, long version, long rowsDropped) {
        if (pending.operation() == PendingCommit.Operation.UPGRADE) {
            Snapshot listed = (Snapshot) base;
            CommitInfo commit = commitInfo(baseCommit, pending, CommitInfo.UPGRADE, 0, 0, 0, true);
            return SnapshotJson.writeRoot(new ManifestCommit(storage).upgrade(listed, version, commit));
        }
        if (base instanceof SnapshotRoot root || (base == null && pending.table().usesManifests())) {
            SnapshotRoot root = base == null ? null : (SnapshotRoot) base;
            return SnapshotJson.writeRoot(new ManifestCommit(storage).next(root, pending, version,
                    (operation, rowsAdded, rowsRemoved, filesRemoved) ->
                            commitInfo(baseCommit, pending, operation, rowsAdded, rowsRemoved, filesRemoved, true).withRowsDropped(rowsDropped)));
        }
        return SnapshotJson.write(nextSnapshot((Snapshot) base, pending, version));
    }

    private static TableDefinition tableOf(SnapshotFile head) {
        return VersionHead.of(head).table();
    }

    /** What the version's commit recorded; null for azof 0.2.1 snapshots, which record nothing. */
    private static CommitInfo commitOf(SnapshotFile head) {
        return VersionHead.of(head).commit();
    }

    /** @param compactionRead for a compaction, the snapshot (or root) of the version it read; null otherwise */
    private void checkCanRebase(PendingCommit pending, SnapshotFile latest, SnapshotFile compactionRead) {
        String operation = pending.operation().label();
        if (pending.operation() == PendingCommit.Operation.COVERAGE) {
            throw new CommitConflictException("change of coverageGranularity", pending.readVersion(), latest.version(),
                    "the coverage it recorded describes the data files of version " + pending.readVersion() + " only");
        }
        TableDefinition latestTable = tableOf(latest);
        if (pending.operation() == PendingCommit.Operation.COMPACT) {
            if (!latestTable.sameData(pending.table())) {
                throw new CommitConflictException("compact", pending.readVersion(), latest.version(),
                        changeOf(pending.table(), latestTable));
            }
            if (latest instanceof SnapshotRoot latestRoot) {
                if (!(compactionRead instanceof SnapshotRoot readRoot)) {
                    throw new CommitConflictException("compact", pending.readVersion(), latest.version(),
                            "it upgraded the table to format version 3 after the compaction read it");
                }
                new ManifestCommit(storage).checkCompactionStillApplies(pending, latestRoot, readRoot);
            } else {
                checkCompactionStillApplies(pending, (Snapshot) latest, (Snapshot) compactionRead);
            }
            return;
        }
        if (pending.operation() == PendingCommit.Operation.OVERWRITE) {
            throw new CommitConflictException(operation, pending.readVersion(), latest.version(),
                    "an overwrite replaces exactly the content it was based on");
        }
        if (pending.readVersion() == 0) {
            if (!latestTable.sameData(pending.table())) {
                throw new CommitConflictException(operation, pending.readVersion(), latest.version(),
                        "it created the table with a different definition");
            }
            return;
        }
        // Appends commit on top of other appends, compactions and changes of settings: files written under the
        // definition they read stay readable. Not on top of a change of layout or schema, which the write was not
        // validated against (its files would be in the old schema). An alter changes the definition itself, so it
        // commits only on the very definition it read: it would undo any other change.
        boolean unchanged = pending.operation() == PendingCommit.Operation.ALTER ? latestTable.equals(pending.readTable())
                : latestTable.sameData(pending.readTable());
        if (!unchanged) {
            throw new CommitConflictException(operation, pending.readVersion(), latest.version(),
                    changeOf(pending.readTable(), latestTable));
        }
    }

    /** Why a definition differs from the one a write read: "it changed the table's schema (column 'x' added)" when only the schema did. */
    static String changeOf(TableDefinition read, TableDefinition latest) {
        if (!read.sameLayout(latest)) {
            return "it changed the table's definition";
        }
        if (read.schema().equals(latest.schema())) {
            return "it changed the table's properties (" + latest.properties() + ")";
        }
        return "it changed the table's schema (" + String.join("; ", SchemaChanges.differences(read.schema(), latest.schema()))
                + "), which this write was not validated against";
    }

    /**
     * A compaction's bases summarise the records of the version it read. They stay right on top of later
     * appends (whose files readers take beside the bases), but not after a change of definition, an
     * overwrite (which drops the files they summarise) or another compaction that dropped the bases this one
     * replaces.
     */
    private static void checkCompactionStillApplies(PendingCommit pending, Snapshot latest, Snapshot read) {
        Set<String> present = new HashSet<>();
        for (Segment segment : latest.segments()) {
            segment.deltas().forEach(delta -> present.add(delta.file()));
            segment.bases().forEach(b -> present.add(b.file()));
        }
        for (Segment segment : read.segments()) {
            for (DeltaFile delta : segment.deltas()) {
                if (!present.contains(delta.file())) {
                    throw new CommitConflictException("compact", pending.readVersion(), latest.version(),
                            "it removed data file " + delta.file() + " that the compaction's bases summarise");
                }
            }
        }
        for (String removed : pending.removedBases()) {
            if (!present.contains(removed)) {
                throw new CommitConflictException("compact", pending.readVersion(), latest.version(),
                        "it removed base file " + removed + " that this compaction replaces");
            }
        }
        // Every replaced delta is a delta of the version read, which the check above found still present.
    }

    private Snapshot nextSnapshot(Snapshot base, PendingCommit pending, long version) {
        if (pending.operation() == PendingCommit.Operation.COMPACT) {
            return compactedSnapshot(base, pending, version);
        }
        if (pending.operation() == PendingCommit.Operation.ALTER) {
            if (base == null) {
                throw new IllegalStateException("a schema change needs an existing table at " + storage.tableLocation());
            }
            return new Snapshot(version, pending.table(), base.segments(),
                    commitInfo(base, pending, CommitInfo.ALTER, 0, 0, 0));
        }
        boolean overwrite = pending.operation() == PendingCommit.Operation.OVERWRITE;
        Map<String, Segment> segments = new LinkedHashMap<>();
        long rowsRemoved = 0;
        long filesRemoved = 0;
        if (base != null) {
            for (Segment segment : base.segments()) {
                if (overwrite) {
                    for (DeltaFile delta : segment.deltas()) {
                        rowsRemoved += delta.stats().rows();
                        filesRemoved++;
                    }
                    for (BaseFile baseFile : segment.bases()) {
                        rowsRemoved += baseFile.stats().rows();
                        filesRemoved++;
                    }
                } else {
                    segments.put(segment.id(), segment);
                }
            }
        }
        long rowsAdded = 0;
        for (NewDataFile file : pending.files()) {
            rowsAdded += file.stats().rows();
            DeltaFile delta = new DeltaFile(file.file(), file.segment().startMicros(), file.segment().endMicros(),
                    file.stats().withAddedVersion(version));
            Segment existing = segments.get(file.segment().id());
            if (existing == null) {
                existing = new Segment(file.segment().id(), file.segment().startMicros(), file.segment().endMicros(), null, List.of(),
                        List.of());
            }
            List<DeltaFile> deltas = new ArrayList<>(existing.deltas());
            deltas.add(delta);
            segments.put(existing.id(), existing.withFiles(deltas, existing.bases()));
        }
        List<Segment> ordered = new ArrayList<>(segments.values());
        ordered.sort(Comparator.comparingLong(Segment::startMicros));
        String operation = overwrite ? CommitInfo.OVERWRITE : base == null ? CommitInfo.CREATE : CommitInfo.APPEND;
        // A change of settings committed meanwhile stays: a write carries the settings of the latest version.
        TableDefinition table = base == null ? pending.table() : pending.table().withSettingsOf(base.table());
        return new Snapshot(version, table, ordered,
                commitInfo(base, pending, operation, rowsAdded, rowsRemoved, filesRemoved));
    }

    /**
     * The latest snapshot with the compaction's files added to their segments and the files they replace dropped: bases
     * (which cover the version the compaction read) for older bases, merged runs (whose added version is the newest of
     * their inputs', set when they were built) for the deltas they hold the records of.
     */
    private Snapshot compactedSnapshot(Snapshot latest, PendingCommit pending, long version) {
        Set<String> removed = new HashSet<>(pending.removedBases());
        removed.addAll(pending.removedDeltas());
        Map<String, List<BaseFile>> addedBases = new LinkedHashMap<>();
        Map<String, List<DeltaFile>> addedRuns = new LinkedHashMap<>();
        long rowsAdded = 0;
        for (NewDataFile file : pending.files()) {
            rowsAdded += file.stats().rows();
            if (file.role() == FileRole.BASE) {
                addedBases.computeIfAbsent(file.segment().id(), id -> new ArrayList<>())
                        .add(new BaseFile(file.file(), file.stats().withAddedVersion(version), pending.readVersion()));
            } else {
                addedRuns.computeIfAbsent(file.segment().id(), id -> new ArrayList<>())
                        .add(new DeltaFile(file.file(), file.segment().startMicros(), file.segment().endMicros(), file.stats()));
            }
        }
        long rowsRemoved = 0;
        long filesRemoved = 0;
        List<Segment> segments = new ArrayList<>();
        for (Segment segment : latest.segments()) {
            List<BaseFile> bases = new ArrayList<>();
            for (BaseFile existing : segment.bases()) {
                if (removed.contains(existing.file())) {
                    rowsRemoved += existing.stats().rows();
                    filesRemoved++;
                } else {
                    bases.add(existing);
                }
            }
            List<DeltaFile> deltas = new ArrayList<>();
            for (DeltaFile existing : segment.deltas()) {
                if (removed.contains(existing.file())) {
                    rowsRemoved += existing.stats().rows();
                    filesRemoved++;
                } else {
                    deltas.add(existing);
                }
            }
            bases.addAll(Objects.requireNonNullElse(addedBases.remove(segment.id()), List.of()));
            deltas.addAll(Objects.requireNonNullElse(addedRuns.remove(segment.id()), List.of()));
            segments.add(segment.withFiles(deltas, bases));
        }
        if (!addedBases.isEmpty() || !addedRuns.isEmpty()) {
            throw new IllegalStateException("compaction built files for segments the table does not have: " + addedBases.keySet() + " "
                    + addedRuns.keySet());
        }
        return new Snapshot(version, latest.table(), segments,
                commitInfo(latest, pending, CommitInfo.COMPACT, rowsAdded, rowsRemoved, filesRemoved));
    }

    private CommitInfo commitInfo(Snapshot base, PendingCommit pending, String operation, long rowsAdded, long rowsRemoved,
                                  long filesRemoved) {
        return commitInfo(base == null ? null : base.commit(), pending, operation, rowsAdded, rowsRemoved, filesRemoved, false);
    }

    /**
     * @param base what the latest version's commit recorded; null when the commit creates the table
     * @param manifests format version 3, which keeps each writer's highest sequence instead of every write id
     */
    private CommitInfo commitInfo(CommitInfo base, PendingCommit pending, String operation, long rowsAdded, long rowsRemoved,
                                  long filesRemoved, boolean manifests) {
        long now = clockMillis.getAsLong();
        long committedAt = base == null ? now : Math.max(now, base.committedAtMillis() + 1);
        if (manifests) {
            // An upgrade turns format version 2's list into what format version 3 keeps of it.
            boolean upgrade = pending.operation() == PendingCommit.Operation.UPGRADE;
            Map<String, Long> writers = base == null ? Map.of() : upgrade ? CommitInfo.writersOf(base.writeIds()) : base.writers();
            List<String> recent = base == null ? List.of() : upgrade ? CommitInfo.recentOf(base.writeIds()) : base.writeIds();
            return new CommitInfo(committedAt, operation, pending.writeId(), CommitInfo.recentAfter(recent, pending.writeId()),
                    CommitInfo.writersAfter(writers, pending.writeId()), rowsAdded, filesAdded(pending), rowsRemoved, filesRemoved);
        }
        Set<String> writeIds = new LinkedHashSet<>(base == null ? List.of() : base.writeIds());
        if (pending.writeId() != null) {
            writeIds.add(pending.writeId());
        }
        return new CommitInfo(committedAt, operation, pending.writeId(), List.copyOf(writeIds),
                rowsAdded, pending.files().size(), rowsRemoved, filesRemoved);
    }

    /** The data files a commit adds: a change of coverage names the table's own deltas again and adds none. */
    private static long filesAdded(PendingCommit pending) {
        return pending.operation() == PendingCommit.Operation.COVERAGE ? 0 : pending.files().size();
    }

    /** The hint is rewritten after the commit; losing this write only makes the next reader probe further. */
    private void writeHint(long version) {
        try {
            storage.writeAll(MetadataFiles.VERSION_HINT, Long.toString(version).getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // The snapshot is committed; readers find it without the hint.
        }
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(Math.min(200, attempt * 5L) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzofException("Interrupted while retrying a commit; nothing was committed");
        }
    }
}
