package io.azof.core.log;

import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.ManifestJson;
import io.azof.core.metadata.PartManifest;
import io.azof.core.metadata.PartSelection;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.SegmentRef;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.types.StructType;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Reads and writes the manifests of a format version 3 table (SPEC section 6.12), many at a time: a read of a large table
 * opens hundreds of small files, which on an object store cost a round trip each.
 */
public final class ManifestStore {
    /** Manifest I/O in parallel, on daemon threads so that an idle pool never keeps a JVM alive. */
    private static final ExecutorService IO = Executors.newFixedThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "azof-manifest-io");
        thread.setDaemon(true);
        return thread;
    });

    private final TableStorage storage;
    private final StructType keySchema;
    /** Null: every file is read from storage (validation, which checks what is there). */
    private final ManifestCache cache;

    /** A store that serves parsed files from this JVM's cache ({@link ManifestCache}) when it can. */
    public ManifestStore(TableStorage storage, StructType keySchema) {
        this(storage, keySchema, ManifestCache.SHARED);
    }

    private ManifestStore(TableStorage storage, StructType keySchema, ManifestCache cache) {
        this.storage = storage;
        this.keySchema = keySchema;
        this.cache = cache;
    }

    /** A store that reads every file from storage, never from the cache: what validation checks. */
    public static ManifestStore uncached(TableStorage storage, StructType keySchema) {
        return new ManifestStore(storage, keySchema, null);
    }

    /** Drops every parsed file this JVM's cache holds: what a benchmark does to time a first plan. */
    public static void clearCache() {
        ManifestCache.SHARED.clear();
    }

    public StructType keySchema() {
        return keySchema;
    }

    public PartManifest readPart(String manifest) {
        return cached(manifest, json -> ManifestJson.parsePart(manifest, json, keySchema));
    }

    public List<DeltaFile> readChunk(String chunk) {
        return cached(chunk, json -> List.copyOf(ManifestJson.parseChunk(chunk, json, keySchema)));
    }

    /** The segments a group lists, checked against the count its root gives. */
    public List<SegmentRef> readGroup(SegmentGroup group) {
        List<SegmentRef> segments = cached(group.file(), json -> List.copyOf(ManifestJson.parseGroup(group.file(), json, keySchema)));
        if (segments.size() != group.segments()) {
            throw new InvalidMetadataException("Manifest " + storage.location(group.file()) + " lists " + segments.size()
                    + " segments, but the root naming it says " + group.segments());
        }
        return segments;
    }

    /** The root with its segments: as it is when it lists them, otherwise with its groups read, in parallel. */
    public SnapshotRoot resolve(SnapshotRoot root) {
        if (root.resolved()) {
            return root;
        }
        List<SegmentRef> segments = new ArrayList<>();
        inParallel(root.groups(), this::readGroup).forEach(segments::addAll);
        return root.withSegments(segments);
    }

    private <T> T cached(String file, Function<byte[], T> parse) {
        if (cache == null) {
            return parse.apply(read(file));
        }
        return cache.get(storage.location(file), () -> {
            byte[] json = read(file);
            return new ManifestCache.Parsed<>(parse.apply(json), json.length);
        });
    }

    private byte[] read(String file) {
        try {
            // No existence check first: a plan reads hundreds of manifests, and on an object store each check is a request.
            return storage.readAll(file);
        } catch (FileNotFoundException e) {
            throw new InvalidMetadataException("Manifest " + storage.location(file) + " is missing: a snapshot of table "
                    + storage.tableLocation() + " names it, so the table's metadata was altered or deleted", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read manifest " + storage.location(file), e);
        }
    }

    /** Writes a new manifest (names are never reused, so this never replaces one a version references). */
    public void write(String file, byte[] content) {
        try {
            storage.writeAll(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write manifest " + storage.location(file) + "; nothing was committed", e);
        }
    }

    /** The whole snapshot a root describes: its groups, every part's manifest and chunks read. */
    public Snapshot snapshot(SnapshotRoot root) {
        return snapshot(root, PartSelection.ALL);
    }

    /**
     * The snapshot a root describes, with only the files of the parts and chunks {@code selection} reads: what a reader
     * that needs no more may plan from, never a snapshot to commit on top of.
     *
     * <p>Each part's chunks are read as soon as its manifest is, not after every manifest: a read waits for its slowest
     * chain of two files, not for the slowest manifest and then the slowest chunk.
     */
    public Snapshot snapshot(SnapshotRoot root, PartSelection selection) {
        List<SegmentRef> segments = resolve(root).segments();
        List<List<CompletableFuture<PartFiles>>> reads = new ArrayList<>();
        for (SegmentRef segment : segments) {
            reads.add(segment.parts().stream().filter(part -> selection.readsPart(segment, part))
                    .map(part -> CompletableFuture.supplyAsync(() -> readPart(part.manifest()), IO)
                            .thenCompose(manifest -> filesOf(segment, manifest, selection)))
                    .toList());
        }
        List<Segment> result = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            SegmentRef segment = segments.get(s);
            List<BaseFile> bases = new ArrayList<>();
            List<DeltaFile> deltas = new ArrayList<>();
            for (PartFiles part : joinAll(reads.get(s))) {
                bases.addAll(part.bases());
                deltas.addAll(part.deltas());
            }
            result.add(new Segment(segment.id(), segment.startMicros(), segment.endMicros(), null, deltas, List.of(), bases));
        }
        return new Snapshot(root.version(), root.table(), result, root.commit());
    }

    /** The files of one part a selection reads. */
    private record PartFiles(List<BaseFile> bases, List<DeltaFile> deltas) {
    }

    /** A part's bases and deltas: those its manifest lists, and those of the chunks the selection reads, read in parallel. */
    private CompletableFuture<PartFiles> filesOf(SegmentRef segment, PartManifest manifest, PartSelection selection) {
        List<CompletableFuture<List<DeltaFile>>> chunks = manifest.chunks().stream().filter(chunk -> selection.readsChunk(segment, chunk))
                .map(chunk -> CompletableFuture.supplyAsync(() -> readChunk(chunk.file()), IO)).toList();
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<DeltaFile> deltas = new ArrayList<>(manifest.deltas());
            chunks.forEach(chunk -> deltas.addAll(chunk.join()));
            return new PartFiles(manifest.bases(), deltas);
        });
    }

    /** Applies {@code task} to every item on the I/O pool, results in the items' order; the first failure is rethrown as it was. */
    public static <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
        if (items.size() <= 1) {
            return items.stream().map(task).toList();
        }
        return joinAll(items.stream().map(item -> CompletableFuture.supplyAsync(() -> task.apply(item), IO)).toList());
    }

    /** The futures' results in order; the first failure is rethrown as it was thrown. */
    private static <R> List<R> joinAll(List<CompletableFuture<R>> futures) {
        List<R> results = new ArrayList<>(futures.size());
        for (CompletableFuture<R> future : futures) {
            try {
                results.add(future.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }
        return results;
    }
}
