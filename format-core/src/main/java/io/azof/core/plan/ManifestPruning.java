package io.azof.core.plan;

import io.azof.core.metadata.ChunkRef;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.PartSelection;
import io.azof.core.metadata.SegmentRef;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.AsOf;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which manifests of a format version 3 table a read as of T with a filter opens (SPEC section 6.12): exactly those that can
 * hold a file {@link VersionedPlanner} would choose. Pure: decides from the summaries in the root and the part manifests.
 *
 * <p>A part is read unless its segment starts after T (the planner skips such segments whole) or its bucket cannot hold a
 * matching key. Within a part read, its bases are always read, since the planner chooses a bucket's base among all of
 * them; a chunk of deltas is skipped only when no delta in it can be chosen: all start after T, or the union of their
 * statistics cannot match the filter, and then no single file's can.
 */
public final class ManifestPruning {
    private ManifestPruning() {
    }

    public static PartSelection forRead(ScanFilter filter, AsOf asOf, TableDefinition table) {
        Optional<Set<Integer>> buckets = FilePruning.buckets(filter, table);
        Predicate<FileStats> mayMatch = FilePruning.fileFilter(filter, table);
        return new PartSelection() {
            @Override
            public boolean readsPart(SegmentRef segment, PartRef part) {
                return (asOf.isCurrent() || segment.startMicros() <= asOf.micros())
                        && (buckets.isEmpty() || buckets.get().contains(part.bucket()));
            }

            @Override
            public boolean readsChunk(SegmentRef segment, ChunkRef chunk) {
                return asOf.includes(chunk.summary().minEventTimeMicros()) && mayMatch.test(chunk.summary());
            }
        };
    }
}
