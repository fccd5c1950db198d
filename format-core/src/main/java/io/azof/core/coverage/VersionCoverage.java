package io.azof.core.coverage;

import io.azof.core.io.TableStorage;
import io.azof.core.log.ManifestStore;
import io.azof.core.metadata.ChunkRef;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.PartSelection;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.SegmentRef;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.SlotSet;
import io.azof.core.types.KeyHashing;
import io.azof.core.types.KeyOrdering;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The coverage of one version (SPEC section 6.14): per key with an upsert among the version's records, the slots covered,
 * as the union of the coverage files of the version's deltas. Only the deltas that can hold the keys asked for are read
 * (their bucket, then their key range), and of those outside the slot range only the keys, to know which keys exist.
 */
public final class VersionCoverage {
    private VersionCoverage() {
    }

    /** One delta's coverage file to read, and whether its slots matter (else only its keys). */
    private record Source(String file, boolean withSlots) {
    }

    /**
     * @param root a version of a table that records coverage
     * @param keys the keys to report, in key order ({@link KeyOrdering} of the table's key), or null for every key
     * @param fromSlot the first slot whose coverage matters; slots outside [fromSlot, toSlot) may be left out
     * @return per key, in key order, the covered slots (of at least [fromSlot, toSlot))
     */
    public static NavigableMap<Object[], SlotSet> read(TableStorage storage, SnapshotRoot root, NavigableSet<Object[]> keys, long fromSlot,
                                                       long toSlot) {
        TableDefinition table = root.table();
        CoverageGranularity granularity = table.coverage().granularity();
        if (granularity == null) {
            throw new IllegalArgumentException("the table records no coverage");
        }
        Comparator<Object[]> order = KeyOrdering.of(table.keySchema());
        KeyHashing hashing = KeyHashing.of(table.keySchema());
        Set<Integer> buckets = new HashSet<>();
        if (keys != null) {
            keys.forEach(key -> buckets.add(hashing.bucketOf(key, table.buckets())));
        }
        PartSelection selection = new PartSelection() {
            @Override
            public boolean readsPart(SegmentRef segment, PartRef part) {
                return keys == null || buckets.contains(part.bucket()) && mayHold(part.summary(), keys, order);
            }

            @Override
            public boolean readsChunk(SegmentRef segment, ChunkRef chunk) {
                return keys == null || mayHold(chunk.summary(), keys, order);
            }
        };
        Snapshot files = new ManifestStore(storage, table.keySchema()).snapshot(root, selection);
        List<Source> sources = new ArrayList<>();
        for (Segment segment : files.segments()) {
            for (DeltaFile delta : segment.deltas()) {
                if (delta.coverage() == null || keys != null && !mayHold(delta.stats(), keys, order)) {
                    continue;
                }
                boolean inRange = granularity.slotOf(delta.stats().maxEventTimeMicros()) >= fromSlot
                        && granularity.slotOf(delta.stats().minEventTimeMicros()) < toSlot;
                sources.add(new Source(delta.coverage(), inRange));
            }
        }
        List<List<Map.Entry<Object[], SlotSet>>> read = ManifestStore.inParallel(sources, source -> {
            List<Map.Entry<Object[], SlotSet>> entries = new ArrayList<>();
            CoverageFile.read(storage, source.file(), table.keySchema(), granularity, source.withSlots(), (key, slots) -> {
                if (keys == null || keys.contains(key)) {
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(key, slots));
                }
            });
            return entries;
        });
        NavigableMap<Object[], SlotSet> coverage = new TreeMap<>(order);
        for (List<Map.Entry<Object[], SlotSet>> entries : read) {
            for (Map.Entry<Object[], SlotSet> entry : entries) {
                SlotSet slots = coverage.computeIfAbsent(entry.getKey(), k -> new SlotSet());
                if (entry.getValue() != null) {
                    slots.addAll(entry.getValue());
                }
            }
        }
        return coverage;
    }

    /** Whether a file or summary whose keys lie in [minKey, maxKey] can hold one of {@code keys}. */
    private static boolean mayHold(FileStats stats, NavigableSet<Object[]> keys, Comparator<Object[]> order) {
        if (stats == null || stats.minKey() == null || stats.maxKey() == null) {
            return true;
        }
        Object[] first = keys.ceiling(stats.minKey());
        return first != null && order.compare(first, stats.maxKey()) <= 0;
    }
}
