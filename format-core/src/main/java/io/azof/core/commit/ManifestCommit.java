package io.azof.core.commit;

import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.ManifestStore;
import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.ChunkRef;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.ManifestJson;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.PartManifest;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.SegmentRef;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds the next root of a format version 3 table from the latest one and a pending commit, writing the manifests of the
 * parts the commit changes first (SPEC section 6.12). Parts it does not change keep their manifests: a commit's metadata
 * work is proportional to what it adds and removes, not to the table.
 */
final class ManifestCommit {
    /** A part's place: its segment and bucket. */
    private record PartKey(String segmentId, int bucket) {
    }

    /** What a part becomes: its new reference, or null when it has no files left. */
    private record Changed(PartRef ref, long rowsRemoved, Set<String> removed) {
    }

    private final TableStorage storage;

    ManifestCommit(TableStorage storage) {
        this.storage = storage;
    }

    /**
     * The root of {@code version}: {@code base} (null when the commit creates the table) with the pending commit applied.
     *
     * @param commitInfo the commit record, given the rows added and the rows and files removed
     */
    SnapshotRoot next(SnapshotRoot latest, PendingCommit pending, long version, CommitInfoFactory commitInfo) {
        TableDefinition table = latest == null ? pending.table() : latest.table();
        ManifestStore store = new ManifestStore(storage, table.keySchema());
        SnapshotRoot base = latest == null ? null : store.resolve(latest);
        return grouped(store, base, ungrouped(store, base, pending, version, commitInfo));
    }

    private SnapshotRoot ungrouped(ManifestStore store, SnapshotRoot base, PendingCommit pending, long version, CommitInfoFactory commitInfo) {
        TableDefinition table = base == null ? pending.table() : base.table();
        Comparator<Object[]> keyOrder = KeyOrdering.of(table.keySchema());
        PendingCommit.Operation operation = pending.operation();
        if (operation == PendingCommit.Operation.ALTER) {
            return new SnapshotRoot(version, pending.table(), commitInfo.create(CommitInfo.ALTER, 0, 0, 0), base.segments());
        }
        boolean overwrite = operation == PendingCommit.Operation.OVERWRITE;
        Map<String, SegmentRef> segments = new LinkedHashMap<>();
        long rowsRemoved = 0;
        long filesRemoved = 0;
        if (base != null) {
            for (SegmentRef segment : base.segments()) {
                if (overwrite) {
                    for (PartRef part : segment.parts()) {
                        rowsRemoved += part.summary().rows();
                        filesRemoved += part.files();
                    }
                } else {
                    segments.put(segment.id(), segment);
                }
            }
        }
        Map<PartKey, List<BaseFile>> addedBases = new LinkedHashMap<>();
        Map<PartKey, List<DeltaFile>> addedDeltas = new LinkedHashMap<>();
        long rowsAdded = 0;
        for (NewDataFile file : pending.files()) {
            rowsAdded += file.stats().rows();
            PartKey key = new PartKey(file.segment().id(), file.stats().bucket());
            segments.computeIfAbsent(file.segment().id(), id -> new SegmentRef(id, file.segment().startMicros(), file.segment().endMicros(), List.of()));
            if (file.role() == FileRole.BASE) {
                addedBases.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new BaseFile(file.file(), file.stats().withAddedVersion(version), pending.readVersion()));
            } else {
                // A write's files are added by this version; merged runs keep the newest added version of their inputs, and
                // deltas named again with their coverage files keep their own.
                FileStats stats = operation == PendingCommit.Operation.COMPACT || operation == PendingCommit.Operation.COVERAGE ? file.stats()
                        : file.stats().withAddedVersion(version);
                addedDeltas.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new DeltaFile(file.file(), file.segment().startMicros(), file.segment().endMicros(), stats, file.coverage()));
            }
        }
        Set<String> removed = new HashSet<>(pending.removedBases());
        removed.addAll(pending.removedDeltas());
        Set<PartKey> touched = new LinkedHashSet<>(addedBases.keySet());
        touched.addAll(addedDeltas.keySet());
        if (!removed.isEmpty()) {
            // Runs replace runs of their own part; bases replace bases of their bucket, in any segment.
            Set<Integer> buckets = new HashSet<>();
            touched.forEach(key -> buckets.add(key.bucket()));
            for (SegmentRef segment : segments.values()) {
                for (PartRef part : segment.parts()) {
                    if (part.bases() > 0 && buckets.contains(part.bucket())) {
                        touched.add(new PartKey(segment.id(), part.bucket()));
                    }
                }
            }
        }
        Map<PartKey, Changed> changed = change(store, segments, touched, removed, addedBases, addedDeltas, version, keyOrder);
        Set<String> found = new HashSet<>();
        changed.values().forEach(c -> found.addAll(c.removed()));
        if (!found.containsAll(removed)) {
            // Not where compactions put what they replace: look through every other part before calling it a conflict.
            Set<PartKey> rest = new LinkedHashSet<>();
            segments.values().forEach(s -> s.parts().forEach(p -> rest.add(new PartKey(s.id(), p.bucket()))));
            rest.removeAll(changed.keySet());
            changed.putAll(change(store, segments, rest, removed, Map.of(), Map.of(), version, keyOrder));
            changed.values().forEach(c -> found.addAll(c.removed()));
            for (String file : removed) {
                if (!found.contains(file)) {
                    throw new CommitConflictException(operation.label(), pending.readVersion(), version - 1,
                            "it removed data file " + file + " that this " + operation.label() + " replaces");
                }
            }
        }
        for (Changed part : changed.values()) {
            rowsRemoved += part.rowsRemoved();
            filesRemoved += part.removed().size();
        }
        List<SegmentRef> result = new ArrayList<>();
        for (SegmentRef segment : segments.values()) {
            Map<Integer, PartRef> parts = new TreeMap<>();
            segment.parts().forEach(part -> parts.put(part.bucket(), part));
            for (Map.Entry<PartKey, Changed> entry : changed.entrySet()) {
                if (entry.getKey().segmentId().equals(segment.id())) {
                    if (entry.getValue().ref() == null) {
                        parts.remove(entry.getKey().bucket());
                    } else {
                        parts.put(entry.getKey().bucket(), entry.getValue().ref());
                    }
                }
            }
            if (!parts.isEmpty()) {
                result.add(new SegmentRef(segment.id(), segment.startMicros(), segment.endMicros(), List.copyOf(parts.values())));
            }
        }
        result.sort(Comparator.comparingLong(SegmentRef::startMicros));
        if (operation == PendingCommit.Operation.COVERAGE) {
            // The same data files, each named with its coverage file: a change of the table's settings.
            return new SnapshotRoot(version, pending.table(), commitInfo.create(CommitInfo.ALTER, 0, 0, 0), result);
        }
        String label = switch (operation) {
            case COMPACT -> CommitInfo.COMPACT;
            case OVERWRITE -> CommitInfo.OVERWRITE;
            default -> base == null ? CommitInfo.CREATE : CommitInfo.APPEND;
        };
        TableDefinition committed = base == null || operation == PendingCommit.Operation.COMPACT ? table
                // A change of settings committed meanwhile stays: a write carries the settings of the latest version.
                : pending.table().withSettingsOf(base.table()).withFormatVersion(TableDefinition.MANIFEST_FORMAT);
        return new SnapshotRoot(version, committed, commitInfo.create(label, rowsAdded, rowsRemoved, filesRemoved), result);
    }

    /**
     * Format version 3's check that a compaction still applies on top of the versions committed since it read: in every
     * bucket it built files for, every delta of the version it read must still be there (an overwrite or another compaction
     * may have dropped what its bases summarise or its runs replace). Only parts whose manifest changed are compared, and a
     * base or run of one bucket depends on no other bucket's files.
     */
    void checkCompactionStillApplies(PendingCommit pending, SnapshotRoot latestRoot, SnapshotRoot readRoot) {
        ManifestStore store = new ManifestStore(storage, latestRoot.table().keySchema());
        SnapshotRoot latest = store.resolve(latestRoot);
        SnapshotRoot read = store.resolve(readRoot);
        Set<Integer> buckets = new HashSet<>();
        pending.files().forEach(file -> buckets.add(file.stats().bucket()));
        Map<PartKey, String> latestManifests = new LinkedHashMap<>();
        latest.segments().forEach(s -> s.parts().forEach(p -> latestManifests.put(new PartKey(s.id(), p.bucket()), p.manifest())));
        List<PartKey> changed = new ArrayList<>();
        Map<PartKey, String> readManifests = new LinkedHashMap<>();
        for (SegmentRef segment : read.segments()) {
            for (PartRef part : segment.parts()) {
                PartKey key = new PartKey(segment.id(), part.bucket());
                if (buckets.contains(part.bucket()) && !part.manifest().equals(latestManifests.get(key))) {
                    changed.add(key);
                    readManifests.put(key, part.manifest());
                }
            }
        }
        List<String> missing = ManifestStore.inParallel(changed, key -> {
            Set<String> present = new HashSet<>();
            String latestManifest = latestManifests.get(key);
            if (latestManifest != null) {
                filesOf(store, latestManifest).forEach(present::add);
            }
            return filesOf(store, readManifests.get(key)).stream().filter(f -> !present.contains(f)).findFirst().orElse(null);
        });
        for (String file : missing) {
            if (file != null) {
                throw new CommitConflictException("compact", pending.readVersion(), latest.version(),
                        "it removed data file " + file + " that the compaction's bases summarise");
            }
        }
    }

    /** The names of a part's files (for a read manifest: its deltas, which bases summarise; bases are checked when removed). */
    private static List<String> filesOf(ManifestStore store, String manifest) {
        PartManifest part = store.readPart(manifest);
        List<String> files = new ArrayList<>();
        part.bases().forEach(b -> files.add(b.file()));
        part.deltas().forEach(d -> files.add(d.file()));
        for (ChunkRef chunk : part.chunks()) {
            store.readChunk(chunk.file()).forEach(d -> files.add(d.file()));
        }
        return files;
    }

    /** The root of a format version 2 snapshot upgraded in place: every part's manifest written, no data file touched. */
    SnapshotRoot upgrade(Snapshot listed, long version, CommitInfo commit) {
        TableDefinition table = listed.table().withFormatVersion(TableDefinition.MANIFEST_FORMAT);
        ManifestStore store = new ManifestStore(storage, table.keySchema());
        Comparator<Object[]> keyOrder = KeyOrdering.of(table.keySchema());
        Map<String, SegmentRef> segments = new LinkedHashMap<>();
        Map<PartKey, List<BaseFile>> bases = new LinkedHashMap<>();
        Map<PartKey, List<DeltaFile>> deltas = new LinkedHashMap<>();
        for (Segment segment : listed.segments()) {
            segments.put(segment.id(), new SegmentRef(segment.id(), segment.startMicros(), segment.endMicros(), List.of()));
            for (BaseFile base : segment.bases()) {
                bases.computeIfAbsent(new PartKey(segment.id(), base.stats().bucket()), k -> new ArrayList<>()).add(base);
            }
            for (DeltaFile delta : segment.deltas()) {
                deltas.computeIfAbsent(new PartKey(segment.id(), delta.stats().bucket()), k -> new ArrayList<>()).add(delta);
            }
        }
        Set<PartKey> parts = new LinkedHashSet<>(bases.keySet());
        parts.addAll(deltas.keySet());
        Map<PartKey, Changed> written = change(store, segments, parts, Set.of(), bases, deltas, version, keyOrder);
        List<SegmentRef> result = new ArrayList<>();
        for (SegmentRef segment : segments.values()) {
            List<PartRef> refs = written.entrySet().stream().filter(e -> e.getKey().segmentId().equals(segment.id()))
                    .map(e -> e.getValue().ref()).sorted(Comparator.comparingInt(PartRef::bucket)).toList();
            if (!refs.isEmpty()) {
                result.add(new SegmentRef(segment.id(), segment.startMicros(), segment.endMicros(), refs));
            }
        }
        return grouped(store, null, new SnapshotRoot(version, table, commit, result));
    }

    /**
     * {@code next} naming segment groups once the table has more parts than one holds: the groups of {@code base} whose
     * segments it keeps unchanged as they are, the others written first ({@link SegmentGrouping}).
     */
    private SnapshotRoot grouped(ManifestStore store, SnapshotRoot base, SnapshotRoot next) {
        int maxParts = Math.max(1, Integer.getInteger(SegmentGroup.GROUP_PARTS_PROPERTY, SegmentGroup.GROUP_PARTS));
        List<SegmentGrouping.Planned> planned = SegmentGrouping.plan(base == null ? List.of() : base.groups(),
                base == null ? List.of() : base.segments(), next.segments(), maxParts);
        List<SegmentGroup> groups = ManifestStore.inParallel(planned, group -> {
            if (group.reused() != null) {
                return group.reused();
            }
            String file = MetadataFiles.groupFile(next.version());
            store.write(file, ManifestJson.writeGroup(group.segments(), store.keySchema()));
            return new SegmentGroup(file, group.segments().size(), group.parts());
        });
        return next.withGroups(groups);
    }

    /** Applies the commit to each of {@code keys}' parts and writes their new chunks and manifests, in parallel. */
    private Map<PartKey, Changed> change(ManifestStore store, Map<String, SegmentRef> segments, Set<PartKey> keys, Set<String> removed,
                                         Map<PartKey, List<BaseFile>> addedBases, Map<PartKey, List<DeltaFile>> addedDeltas, long version,
                                         Comparator<Object[]> keyOrder) {
        StructType keySchema = store.keySchema();
        List<PartKey> ordered = List.copyOf(keys);
        List<Changed> results = ManifestStore.inParallel(ordered, key -> {
            PartRef existing = segments.get(key.segmentId()).parts().stream().filter(p -> p.bucket() == key.bucket()).findFirst().orElse(null);
            PartManifest current = existing == null ? null : store.readPart(existing.manifest());
            PartChange.Result result = PartChange.apply(current, chunk -> store.readChunk(chunk.file()), removed,
                    addedBases.getOrDefault(key, List.of()), addedDeltas.getOrDefault(key, List.of()), keyOrder,
                    Math.max(1, Integer.getInteger(PartManifest.CHUNK_FILES_PROPERTY, PartManifest.CHUNK_FILES)), () -> MetadataFiles.manifestFile('c', version, key.segmentId(), key.bucket()));
            if (result.manifest() == null) {
                return new Changed(null, result.rowsRemoved(), result.removed());
            }
            result.newChunks().forEach((name, files) -> store.write(name, ManifestJson.writeChunk(files, keySchema)));
            String name = MetadataFiles.manifestFile('p', version, key.segmentId(), key.bucket());
            store.write(name, ManifestJson.writePart(result.manifest(), keySchema));
            return new Changed(refOf(name, result.manifest(), keyOrder), result.rowsRemoved(), result.removed());
        });
        Map<PartKey, Changed> changed = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            changed.put(ordered.get(i), results.get(i));
        }
        return changed;
    }

    private static PartRef refOf(String manifest, PartManifest part, Comparator<Object[]> keyOrder) {
        List<FileStats> stats = Stream.of(
                part.bases().stream().map(BaseFile::stats),
                part.deltas().stream().map(DeltaFile::stats),
                part.chunks().stream().map(ChunkRef::summary)).flatMap(s -> s).toList();
        int files = part.bases().size() + part.deltas().size() + part.chunks().stream().mapToInt(ChunkRef::files).sum();
        return new PartRef(manifest, files, part.bases().size(), FileStats.union(stats, keyOrder));
    }

    /** The commit record of the version being built, once its counts are known. */
    @FunctionalInterface
    interface CommitInfoFactory {
        CommitInfo create(String operation, long rowsAdded, long rowsRemoved, long filesRemoved);
    }
}
