package io.azof.core.maintenance;

import io.azof.core.exceptions.AzofException;
import io.azof.core.io.FileEntry;
import io.azof.core.io.HadoopTableStorage;
import io.azof.core.io.TableStorage;
import io.azof.core.log.ManifestStore;
import io.azof.core.log.MetadataFiles;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.DataFileEntry;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.PartManifest;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.SegmentRef;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.SnapshotRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes the files of a format version 2 table that no retained version needs (SPEC section 6.10): data
 * files under {@code data/} that no retained snapshot references (left by expired versions, or by writers
 * that never committed) and temporary files of metadata writes that never completed, in both cases only once
 * they are older than the retention. Snapshot files, {@code version.txt} and anything else in the table
 * directory are never touched, nor is anything outside it.
 *
 * <p>The retention is the only thing that protects a write still running: its data files are referenced by
 * no version until it commits. Directories emptied by a vacuum are left in place, since removing one could
 * race with a writer that is about to create a file in it.
 */
public final class Vacuum {
    /** Where format version 2 writers put every data file (SPEC section 6.3). */
    static final String DATA_DIRECTORY = "data/";

    private Vacuum() {
    }

    /**
     * @param cutoff files last modified before this instant may be deleted
     * @param earliestRetainedVersion the earliest version whose files were kept
     * @param latestVersion the latest version whose files were kept
     * @param files the files deleted, or for a dry run those that would be, by path
     * @param totalBytes the sum of their sizes
     */
    public record Result(String tableLocation, boolean dryRun, Instant cutoff, long earliestRetainedVersion, long latestVersion,
                         List<FileEntry> files, long totalBytes) {
        public Result {
            files = List.copyOf(files);
        }
    }

    /**
     * Vacuums a table the caller found writable (not azof 0.2.1's).
     *
     * @param clock what "now" is when the retention is measured
     * @throws AzofException for a snapshot that references a file by a path vacuum cannot match against the table directory
     */
    public static Result run(TableStorage storage, VacuumRequest request, Clock clock) {
        Instant cutoff = clock.instant().minus(request.retention());
        SnapshotLog log = new SnapshotLog(storage);
        long earliestRetained = log.earliestRetained();
        References references = new References(storage, log, earliestRetained);
        references.readUpTo(log.latestVersion());
        List<FileEntry> listed;
        try {
            listed = storage.listFilesRecursively("");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the files of " + storage.tableLocation() + "; vacuum deleted nothing", e);
        }
        // A version committed while the directory was listed can reference listed files: read it too.
        references.readUpTo(log.latestVersion());

        long cutoffMillis = cutoff.toEpochMilli();
        List<FileEntry> doomed = new ArrayList<>();
        for (FileEntry file : listed) {
            boolean unneeded = isDataFile(file.path()) || isManifest(file.path()) ? !references.contains(file.path()) : isTemporaryFile(file.path());
            if (unneeded && file.modifiedMillis() < cutoffMillis) {
                doomed.add(file);
            }
        }
        doomed.sort(Comparator.comparing(FileEntry::path));
        if (!request.dryRun()) {
            delete(storage, doomed);
        }
        long bytes = doomed.stream().mapToLong(FileEntry::size).sum();
        return new Result(storage.tableLocation(), request.dryRun(), cutoff, earliestRetained, references.latestRead, doomed, bytes);
    }

    private static boolean isDataFile(String path) {
        return path.startsWith(DATA_DIRECTORY);
    }

    /** A manifest or chunk of format version 3, which versions share: needed while a retained root names it. */
    private static boolean isManifest(String path) {
        return path.startsWith(MetadataFiles.MANIFEST_DIRECTORY) && !path.substring(MetadataFiles.MANIFEST_DIRECTORY.length()).contains("/");
    }

    /** A temporary file of a metadata write (snapshot or hint) in the table directory itself. */
    private static boolean isTemporaryFile(String path) {
        return !path.contains("/") && path.startsWith(HadoopTableStorage.TEMPORARY_PREFIX);
    }

    private static void delete(TableStorage storage, List<FileEntry> files) {
        for (int i = 0; i < files.size(); i++) {
            String path = files.get(i).path();
            try {
                storage.delete(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + storage.location(path) + "; vacuum deleted " + i + " of the "
                        + files.size() + " unreferenced files before it (every one of them unneeded by any retained version)", e);
            }
        }
    }

    /** The files the retained versions reference, as paths relative to the table directory. */
    private static final class References {
        private final TableStorage storage;
        private final SnapshotLog log;
        private final Set<String> paths = new HashSet<>();
        private long latestRead;

        References(TableStorage storage, SnapshotLog log, long earliestRetained) {
            this.storage = storage;
            this.log = log;
            this.latestRead = earliestRetained - 1;
        }

        boolean contains(String path) {
            return paths.contains(path);
        }

        void readUpTo(long latest) {
            for (long version = latestRead + 1; version <= latest; version++) {
                SnapshotFile file = log.readFile(version);
                if (file instanceof SnapshotRoot root) {
                    readManifests(root);
                    continue;
                }
                if (!(file instanceof Snapshot snapshot)) {
                    // A stub: expired by a concurrent expiry. The versions still retained are read anyway.
                    continue;
                }
                for (DataFileEntry entry : snapshot.dataFiles()) {
                    paths.add(normalise(entry.file(), version));
                }
            }
            latestRead = Math.max(latestRead, latest);
        }

        /**
         * A root's segment groups, manifests, their chunks and the data files they list. Versions share all of these, so
         * each is read once however many retained versions name it: vacuum's reading is proportional to the distinct
         * metadata, not to versions times the table.
         */
        private void readManifests(SnapshotRoot root) {
            ManifestStore store = new ManifestStore(storage, root.table().keySchema());
            // A group seen before lists segments whose manifests were collected then.
            List<SegmentGroup> unseenGroups = root.groups().stream().filter(group -> paths.add(group.file())).toList();
            List<SegmentRef> segments = root.resolved() ? root.segments()
                    : ManifestStore.inParallel(unseenGroups, store::readGroup).stream().flatMap(List::stream).toList();
            List<String> unseen = segments.stream().flatMap(s -> s.parts().stream()).map(PartRef::manifest).filter(paths::add).toList();
            List<PartManifest> parts = ManifestStore.inParallel(unseen, store::readPart);
            List<String> chunks = new ArrayList<>();
            for (PartManifest part : parts) {
                part.bases().forEach(base -> paths.add(normalise(base.file(), root.version())));
                part.deltas().forEach(delta -> addDelta(delta, root.version()));
                part.chunks().forEach(chunk -> chunks.add(chunk.file()));
            }
            List<String> unseenChunks = chunks.stream().filter(paths::add).toList();
            for (List<DeltaFile> deltas : ManifestStore.inParallel(unseenChunks, store::readChunk)) {
                deltas.forEach(delta -> addDelta(delta, root.version()));
            }
        }

        /** A delta and its coverage file (SPEC section 6.14), which lives and dies with the entry that names it. */
        private void addDelta(DeltaFile delta, long version) {
            paths.add(normalise(delta.file(), version));
            if (delta.coverage() != null) {
                paths.add(normalise(delta.coverage(), version));
            }
        }

        /**
         * The path as the directory listing spells it. A reference that cannot be matched safely (absolute,
         * with a scheme or leaving the table directory) stops vacuum: it could name a listed file under another
         * spelling, which would then look unreferenced.
         */
        private String normalise(String file, long version) {
            if (file.startsWith("/") || file.contains(":") || file.contains("\\")) {
                throw unmatchable(file, version);
            }
            List<String> parts = new ArrayList<>();
            for (String part : file.split("/")) {
                if (part.equals("..")) {
                    throw unmatchable(file, version);
                }
                if (!part.isEmpty() && !part.equals(".")) {
                    parts.add(part);
                }
            }
            return String.join("/", parts);
        }

        private AzofException unmatchable(String file, long version) {
            return new AzofException("Snapshot " + MetadataFiles.snapshotFile(version) + " of " + storage.tableLocation()
                    + " references data file '" + file + "', which is not a plain path inside the table directory;"
                    + " vacuum cannot tell whether a listed file is that one, so it deleted nothing");
        }
    }
}
