package io.azof.core.maintenance;

import io.azof.core.io.TableStorage;
import io.azof.core.log.ManifestStore;
import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.SegmentRef;
import io.azof.core.metadata.SnapshotRoot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a write to a format version 3 table may call for compaction after it (SPEC section 6.8), decided from the root's
 * part summaries and the manifests of one part per bucket: with {@code autoCompact} on, every write asks, and reading every
 * manifest to answer would make each append's cost grow with the table's metadata.
 *
 * <p>The answer is an upper bound: when no bucket's bound exceeds {@code autoCompact.maxRuns}, the exact check
 * ({@link CompactionPlanner#planAfterWrite}) finds nothing either, so nothing more is read; otherwise the caller reads the
 * whole snapshot and plans exactly.
 */
public final class AfterWriteCheck {
    /** The base a current read of a bucket chooses: at the latest segment start, covering the highest version there. */
    record NewestBase(long startMicros, long coversVersion) {
    }

    private AfterWriteCheck() {
    }

    /** Whether a current read of some bucket may merge more than {@code autoCompact.maxRuns} files; reads the root's groups. */
    public static boolean mayCompact(TableStorage storage, SnapshotRoot latest) {
        if (!latest.table().autoCompaction().enabled()) {
            return false;
        }
        ManifestStore store = new ManifestStore(storage, latest.table().keySchema());
        List<SegmentRef> segments = store.resolve(latest).segments();
        Map<Integer, SegmentRef> baseSegments = newestBaseSegments(segments);
        Map<Integer, NewestBase> bases = new TreeMap<>();
        List<Map.Entry<Integer, SegmentRef>> entries = List.copyOf(baseSegments.entrySet());
        List<Long> covers = ManifestStore.inParallel(entries, entry -> store.readPart(partOf(entry.getValue(), entry.getKey()).manifest())
                .bases().stream().mapToLong(BaseFile::coversVersion).max().orElseThrow());
        for (int i = 0; i < entries.size(); i++) {
            bases.put(entries.get(i).getKey(), new NewestBase(entries.get(i).getValue().startMicros(), covers.get(i)));
        }
        long maxRuns = latest.table().autoCompaction().maxRuns();
        return filesReadBound(segments, bases).values().stream().anyMatch(files -> files > maxRuns);
    }

    /** Per bucket, the latest segment whose part in that bucket holds bases: where a current read's base is. */
    static Map<Integer, SegmentRef> newestBaseSegments(List<SegmentRef> segments) {
        Map<Integer, SegmentRef> newest = new TreeMap<>();
        for (SegmentRef segment : segments) {
            for (PartRef part : segment.parts()) {
                if (part.bases() > 0) {
                    newest.merge(part.bucket(), segment, (a, b) -> b.startMicros() > a.startMicros() ? b : a);
                }
            }
        }
        return newest;
    }

    /**
     * Pure: per bucket, at least as many files as a current read of it merges (section 6.4's choice of files). With a base,
     * the read takes that base (counted as every base of its part), every delta of its segment and the later ones, and the deltas of earlier segments added
     * after the version the base covers: a part whose newest file is no newer than that version has none of those, and a
     * part that has a newer one is counted whole. Without a base, every delta.
     *
     * @param bases per bucket that has bases, the newest one's segment start and the version it covers
     */
    static Map<Integer, Long> filesReadBound(List<SegmentRef> segments, Map<Integer, NewestBase> bases) {
        Map<Integer, Long> bound = new TreeMap<>();
        for (SegmentRef segment : segments) {
            for (PartRef part : segment.parts()) {
                NewestBase base = bases.get(part.bucket());
                // The read's base may be several files (a compaction writes a bucket's base in key ranges): all of the part's.
                long files = base != null && segment.startMicros() == base.startMicros() ? part.files() : part.files() - part.bases();
                boolean read = base == null || segment.startMicros() >= base.startMicros() || part.summary().addedVersion() > base.coversVersion();
                if (read && files > 0) {
                    bound.merge(part.bucket(), files, Long::sum);
                }
            }
        }
        return bound;
    }

    private static PartRef partOf(SegmentRef segment, int bucket) {
        return segment.parts().stream().filter(part -> part.bucket() == bucket).findFirst().orElseThrow();
    }
}
