package io.azof.core.commit;

import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.SegmentRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which segment groups a format version 3 root names (SPEC section 6.12). Pure: decided from the groups of the root a
 * commit builds on and the segments of the new one.
 *
 * <p>A table of at most {@code maxParts} parts has no groups: its root lists its segments itself. A larger one keeps the
 * groups of the root before, each group still holding exactly the segments it held, unchanged, is named again as it is,
 * so that a commit writes only the groups of the segments it changes. A new segment joins the group before it until that
 * holds {@code maxParts} parts, then starts the next: appends in time order fill the last group and then open a new one.
 * Groups that are written anyway are merged with their neighbours while they fit, and a group past twice the bound (its
 * segments gained parts) is split, so that groups stay near the bound however the table was changed.
 */
final class SegmentGrouping {
    /**
     * A group of the new root.
     *
     * @param reused the previous root's group when it lists exactly these segments, unchanged; null when it is written anew
     */
    record Planned(List<SegmentRef> segments, SegmentGroup reused) {
        Planned {
            segments = List.copyOf(segments);
        }

        int parts() {
            return partsOf(segments);
        }
    }

    private SegmentGrouping() {
    }

    /**
     * @param previousGroups   the groups of the root the commit builds on (empty for a new table, or one without groups)
     * @param previousSegments that root's segments, the ones each of its groups lists in order
     * @param segments         the new root's segments, in time order
     * @param maxParts         the parts a group holds before the next one starts; at least 1
     * @return the new root's groups in segment order, listing each segment once; empty when the root lists its segments
     */
    static List<Planned> plan(List<SegmentGroup> previousGroups, List<SegmentRef> previousSegments, List<SegmentRef> segments, int maxParts) {
        if (maxParts < 1) {
            throw new IllegalArgumentException("a group holds at least one part, got " + maxParts);
        }
        if (partsOf(segments) <= maxParts) {
            return List.of();
        }
        Map<String, Integer> originOf = new HashMap<>();
        Map<String, SegmentRef> previousById = new HashMap<>();
        List<List<String>> previousIds = new ArrayList<>();
        int next = 0;
        for (int g = 0; g < previousGroups.size(); g++) {
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < previousGroups.get(g).segments(); s++) {
                SegmentRef segment = previousSegments.get(next++);
                originOf.put(segment.id(), g);
                previousById.put(segment.id(), segment);
                ids.add(segment.id());
            }
            previousIds.add(ids);
        }

        // Each segment to the group it was in; a new one to the group before it while that has room.
        List<Building> built = new ArrayList<>();
        Building current = null;
        for (SegmentRef segment : segments) {
            Integer origin = originOf.get(segment.id());
            if (origin != null ? current == null || current.origin != origin : current == null || current.parts >= maxParts) {
                current = new Building(origin == null ? -1 : origin);
                built.add(current);
            }
            current.add(segment);
        }

        List<Planned> planned = new ArrayList<>();
        for (Building group : built) {
            SegmentGroup reused = null;
            if (group.origin >= 0 && group.ids().equals(previousIds.get(group.origin))
                    && group.segments.stream().allMatch(s -> unchanged(s, previousById.get(s.id())))) {
                reused = previousGroups.get(group.origin);
            }
            planned.add(new Planned(group.segments, reused));
        }
        return splitLarge(mergeWritten(planned, maxParts), maxParts);
    }

    /** Adjacent groups that are both written anyway become one while it holds at most {@code maxParts} parts. */
    private static List<Planned> mergeWritten(List<Planned> groups, int maxParts) {
        List<Planned> merged = new ArrayList<>();
        for (Planned group : groups) {
            Planned last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.reused() == null && group.reused() == null && last.parts() + group.parts() <= maxParts) {
                List<SegmentRef> segments = new ArrayList<>(last.segments());
                segments.addAll(group.segments());
                merged.set(merged.size() - 1, new Planned(segments, null));
            } else {
                merged.add(group);
            }
        }
        return merged;
    }

    /** A written group past twice the bound becomes groups of at least {@code maxParts} parts each, but the last. */
    private static List<Planned> splitLarge(List<Planned> groups, int maxParts) {
        List<Planned> result = new ArrayList<>();
        for (Planned group : groups) {
            if (group.reused() != null || group.parts() <= 2 * maxParts) {
                result.add(group);
                continue;
            }
            List<SegmentRef> piece = new ArrayList<>();
            for (SegmentRef segment : group.segments()) {
                piece.add(segment);
                if (partsOf(piece) >= maxParts) {
                    result.add(new Planned(piece, null));
                    piece = new ArrayList<>();
                }
            }
            if (!piece.isEmpty()) {
                result.add(new Planned(piece, null));
            }
        }
        return result;
    }

    /** Manifests are immutable and never renamed, so a segment whose parts name the same manifests lists the same files. */
    private static boolean unchanged(SegmentRef segment, SegmentRef previous) {
        return segment.startMicros() == previous.startMicros() && Objects.equals(segment.endMicros(), previous.endMicros())
                && segment.parts().stream().map(PartRef::manifest).toList().equals(previous.parts().stream().map(PartRef::manifest).toList());
    }

    private static int partsOf(List<SegmentRef> segments) {
        return segments.stream().mapToInt(s -> s.parts().size()).sum();
    }

    /** A group being built: the previous group its segments come from (-1: new segments only), and its segments. */
    private static final class Building {
        final int origin;
        final List<SegmentRef> segments = new ArrayList<>();
        int parts;

        Building(int origin) {
            this.origin = origin;
        }

        void add(SegmentRef segment) {
            segments.add(segment);
            parts += segment.parts().size();
        }

        List<String> ids() {
            return segments.stream().map(SegmentRef::id).toList();
        }
    }
}
