package io.azof.core.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits the files of one bucket into sections that can be merged independently, as Paimon's
 * {@code IntervalPartition} does: files whose key ranges overlap, directly or through a chain of others,
 * share a section; a key therefore lives in exactly one section. Sections are then packed, in key order,
 * into splits of about a target size, so a bucket of many non-overlapping files (such as one large write,
 * or a compacted bucket) spreads over several tasks while small sections do not each cost a task.
 *
 * <p>Runs that each span the whole bucket (say, every append rewrites all keys) form one section: only
 * more buckets spread those. Pure: decides from min and max keys in the files' statistics.
 */
public final class KeyRangeSections {
    private KeyRangeSections() {
    }

    /**
     * Sections of {@code files} in ascending key order.
     *
     * @param keyOrder the table's key order over min/max keys
     */
    public static List<List<PlannedFile>> sections(List<PlannedFile> files, Comparator<Object[]> keyOrder) {
        List<PlannedFile> byMinKey = new ArrayList<>(files);
        byMinKey.sort((a, b) -> keyOrder.compare(a.stats().minKey(), b.stats().minKey()));
        List<List<PlannedFile>> sections = new ArrayList<>();
        List<PlannedFile> section = new ArrayList<>();
        Object[] sectionMax = null;
        for (PlannedFile file : byMinKey) {
            // Equal keys overlap: a key's records must all reach the same merge.
            if (sectionMax != null && keyOrder.compare(file.stats().minKey(), sectionMax) > 0) {
                sections.add(section);
                section = new ArrayList<>();
                sectionMax = null;
            }
            section.add(file);
            if (sectionMax == null || keyOrder.compare(file.stats().maxKey(), sectionMax) > 0) {
                sectionMax = file.stats().maxKey();
            }
        }
        if (!section.isEmpty()) {
            sections.add(section);
        }
        return sections;
    }

    /**
     * Consecutive sections joined into splits of at most {@code targetBytes} of files each; a section larger
     * than the target is a split of its own, since it cannot be divided.
     */
    public static List<List<PlannedFile>> pack(List<List<PlannedFile>> sections, long targetBytes) {
        List<List<PlannedFile>> splits = new ArrayList<>();
        List<PlannedFile> split = new ArrayList<>();
        long splitBytes = 0;
        for (List<PlannedFile> section : sections) {
            long sectionBytes = section.stream().mapToLong(f -> f.stats().bytes()).sum();
            if (!split.isEmpty() && splitBytes + sectionBytes > targetBytes) {
                splits.add(split);
                split = new ArrayList<>();
                splitBytes = 0;
            }
            split.addAll(section);
            splitBytes += sectionBytes;
        }
        if (!split.isEmpty()) {
            splits.add(split);
        }
        return splits;
    }
}
