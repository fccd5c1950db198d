package io.azof.core.commit;

import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.ChunkRef;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.PartManifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one commit does to one part of a format version 3 table (SPEC section 6.12): pure, given how to load a chunk and how
 * to name a new one. Chunks the commit does not touch keep their files, so an append rewrites at most the last chunk, and
 * a compaction the chunks holding the runs it replaces.
 */
final class PartChange {
    /**
     * @param manifest the part's new manifest, or null when the part has no files left
     * @param newChunks the chunk files to write, by name, before the manifest that names them
     * @param removed the names of {@code removedFiles} this part held
     */
    record Result(PartManifest manifest, Map<String, List<DeltaFile>> newChunks, Set<String> removed, long rowsRemoved) {
    }

    private PartChange() {
    }

    /**
     * @param current the part's manifest before the commit, or null for a new part
     * @param loadChunk reads a chunk of {@code current}
     * @param removedFiles names of files the commit removes (from any part: only this part's are removed here)
     * @param chunkFiles the most deltas a manifest lists itself and a chunk holds ({@link PartManifest#CHUNK_FILES})
     * @param chunkName names a new chunk file
     */
    static Result apply(PartManifest current, Function<ChunkRef, List<DeltaFile>> loadChunk, Set<String> removedFiles,
                        List<BaseFile> addedBases, List<DeltaFile> addedDeltas, Comparator<Object[]> keyOrder, int chunkFiles,
                        Supplier<String> chunkName) {
        Set<String> removed = new HashSet<>();
        long rowsRemoved = 0;
        List<BaseFile> bases = new ArrayList<>();
        List<ChunkRef> kept = new ArrayList<>();
        List<DeltaFile> loose = new ArrayList<>();
        if (current != null) {
            for (BaseFile base : current.bases()) {
                if (removedFiles.contains(base.file())) {
                    removed.add(base.file());
                    rowsRemoved += base.stats().rows();
                } else {
                    bases.add(base);
                }
            }
            rowsRemoved += keepDeltas(current.deltas(), removedFiles, loose, removed);
            for (ChunkRef chunk : current.chunks()) {
                // Which chunk holds a removed file only its content tells; removals come from compactions, which read the part anyway.
                if (removedFiles.isEmpty()) {
                    kept.add(chunk);
                    continue;
                }
                List<DeltaFile> files = loadChunk.apply(chunk);
                List<DeltaFile> remaining = new ArrayList<>();
                long rows = keepDeltas(files, removedFiles, remaining, removed);
                if (rows == 0 && remaining.size() == files.size()) {
                    kept.add(chunk);
                } else {
                    rowsRemoved += rows;
                    loose.addAll(remaining);
                }
            }
        }
        bases.addAll(addedBases);
        if (!addedDeltas.isEmpty() && !kept.isEmpty() && kept.get(kept.size() - 1).files() < chunkFiles) {
            // Appends fill the last chunk up rather than each leaving a small chunk behind.
            loose.addAll(loadChunk.apply(kept.remove(kept.size() - 1)));
        }
        loose.addAll(addedDeltas);
        int total = loose.size() + kept.stream().mapToInt(ChunkRef::files).sum();
        int chunksNeeded = (total + chunkFiles - 1) / chunkFiles;
        if (total <= chunkFiles || kept.size() > 2 * chunksNeeded) {
            // Few enough to list in the manifest, or chunks left too empty by removals: repack the whole part.
            for (ChunkRef chunk : kept) {
                loose.addAll(loadChunk.apply(chunk));
            }
            kept.clear();
        }
        Map<String, List<DeltaFile>> newChunks = new LinkedHashMap<>();
        if (bases.isEmpty() && kept.isEmpty() && loose.isEmpty()) {
            return new Result(null, newChunks, removed, rowsRemoved);
        }
        if (kept.isEmpty() && loose.size() <= chunkFiles) {
            return new Result(new PartManifest(bases, loose, List.of()), newChunks, removed, rowsRemoved);
        }
        // Chunks of neighbouring keys, so that a read of a few keys opens few of them.
        loose.sort(Comparator.comparing((DeltaFile d) -> d.stats().minKey(), keyOrder).thenComparing(DeltaFile::file));
        List<ChunkRef> chunks = new ArrayList<>(kept);
        for (int from = 0; from < loose.size(); from += chunkFiles) {
            List<DeltaFile> files = List.copyOf(loose.subList(from, Math.min(loose.size(), from + chunkFiles)));
            String name = chunkName.get();
            newChunks.put(name, files);
            chunks.add(new ChunkRef(name, files.size(), FileStats.union(files.stream().map(DeltaFile::stats).toList(), keyOrder)));
        }
        return new Result(new PartManifest(bases, List.of(), chunks), newChunks, removed, rowsRemoved);
    }

    /** Adds the files not removed to {@code into} and the removed ones' names to {@code removed}; the rows removed. */
    private static long keepDeltas(List<DeltaFile> files, Set<String> removedFiles, List<DeltaFile> into, Set<String> removed) {
        long rows = 0;
        for (DeltaFile file : files) {
            if (removedFiles.contains(file.file())) {
                removed.add(file.file());
                rows += file.stats().rows();
            } else {
                into.add(file);
            }
        }
        return rows;
    }
}
