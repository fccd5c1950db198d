package io.azof.core.log;

import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.ChunkRef;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.ManifestJson;
import io.azof.core.metadata.PartManifest;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.PartSelection;
import io.azof.core.metadata.Segment;
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

    public ManifestStore(TableStorage storage, StructType keySchema) {
        this.storage = storage;
        this.keySchema = keySchema;
    }

    public StructType keySchema() {
        return keySchema;
    }

    public PartManifest readPart(String manifest) {
        return ManifestJson.parsePart(manifest, read(manifest), keySchema);
    }

    public List<DeltaFile> readChunk(String chunk) {
        return ManifestJson.parseChunk(chunk, read(chunk), keySchema);
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

    /** The whole snapshot a root describes: every part's manifest and chunks read. */
    public Snapshot snapshot(SnapshotRoot root) {
        return snapshot(root, PartSelection.ALL);
    }

    /**
     * The snapshot a root describes, with only the files of the parts and chunks {@code selection} reads: what a reader
     * that needs no more may plan from, never a snapshot to commit on top of.
     */
    public Snapshot snapshot(SnapshotRoot root, PartSelection selection) {
        List<SegmentRef> segments = root.segments();
        List<List<PartRef>> selected = new ArrayList<>();
        List<PartRef> parts = new ArrayList<>();
        for (SegmentRef segment : segments) {
            List<PartRef> read = segment.parts().stream().filter(part -> selection.readsPart(segment, part)).toList();
            selected.add(read);
            parts.addAll(read);
        }
        List<PartManifest> manifests = inParallel(parts, part -> readPart(part.manifest()));
        // Second round: the chunks of the parts read that the selection needs.
        List<ChunkRef> chunks = new ArrayList<>();
        int next = 0;
        for (int s = 0; s < segments.size(); s++) {
            for (int p = 0; p < selected.get(s).size(); p++) {
                SegmentRef segment = segments.get(s);
                manifests.get(next++).chunks().stream().filter(chunk -> selection.readsChunk(segment, chunk)).forEach(chunks::add);
            }
        }
        List<List<DeltaFile>> chunkFiles = inParallel(chunks, chunk -> readChunk(chunk.file()));
        List<Segment> result = new ArrayList<>();
        next = 0;
        int nextChunk = 0;
        for (int s = 0; s < segments.size(); s++) {
            SegmentRef segment = segments.get(s);
            List<BaseFile> bases = new ArrayList<>();
            List<DeltaFile> deltas = new ArrayList<>();
            for (int p = 0; p < selected.get(s).size(); p++) {
                PartManifest manifest = manifests.get(next++);
                bases.addAll(manifest.bases());
                deltas.addAll(manifest.deltas());
                for (ChunkRef chunk : manifest.chunks()) {
                    if (selection.readsChunk(segment, chunk)) {
                        deltas.addAll(chunkFiles.get(nextChunk++));
                    }
                }
            }
            result.add(new Segment(segment.id(), segment.startMicros(), segment.endMicros(), null, deltas, List.of(), bases));
        }
        return new Snapshot(root.version(), root.table(), result, root.commit());
    }

    /** Applies {@code task} to every item on the I/O pool, results in the items' order; the first failure is rethrown as it was. */
    public static <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
        if (items.size() <= 1) {
            return items.stream().map(task).toList();
        }
        List<CompletableFuture<R>> futures = items.stream().map(item -> CompletableFuture.supplyAsync(() -> task.apply(item), IO)).toList();
        List<R> results = new ArrayList<>(items.size());
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
