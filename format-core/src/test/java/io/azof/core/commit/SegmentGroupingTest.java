package io.azof.core.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.SegmentGroup;
import io.azof.core.metadata.SegmentRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Which segment groups a root names (SPEC section 6.12): pure, on made-up segments. */
class SegmentGroupingTest {
    private static final int MAX_PARTS = 8;
    private final AtomicInteger manifests = new AtomicInteger();
    private final AtomicInteger groupFiles = new AtomicInteger();

    /** Day {@code day}'s segment with {@code parts} parts, each with a manifest of its own. */
    private SegmentRef segment(int day, int parts) {
        List<PartRef> refs = IntStream.range(0, parts).mapToObj(bucket -> new PartRef("p" + manifests.incrementAndGet(), 1, 0,
                new FileStats(bucket, 1, 1, new Object[] {"k"}, new Object[] {"k"}, 0, 0, 0, 1))).toList();
        return new SegmentRef(String.format("d%03d", day), day * 100L, day * 100L + 99, refs);
    }

    /** The segment with one of its parts given a new manifest: what a commit to it does. */
    private SegmentRef changed(SegmentRef segment) {
        List<PartRef> parts = new ArrayList<>(segment.parts());
        PartRef first = parts.get(0);
        parts.set(0, new PartRef("p" + manifests.incrementAndGet(), first.files() + 1, 0, first.summary()));
        return new SegmentRef(segment.id(), segment.startMicros(), segment.endMicros(), parts);
    }

    /** A root's groups as a commit writes them: the planned ones, with a new file for each that is not reused. */
    private record Root(List<SegmentRef> segments, List<SegmentGroup> groups) {
    }

    private Root commit(Root base, List<SegmentRef> segments) {
        List<SegmentGrouping.Planned> planned = SegmentGrouping.plan(base.groups(), base.segments(), segments, MAX_PARTS);
        List<SegmentGroup> groups = planned.stream().map(p -> p.reused() != null ? p.reused()
                : new SegmentGroup("g" + groupFiles.incrementAndGet(), p.segments().size(), p.parts())).toList();
        return new Root(segments, groups);
    }

    private static final Root EMPTY = new Root(List.of(), List.of());

    private List<SegmentRef> days(int from, int to, int parts) {
        return IntStream.range(from, to).mapToObj(day -> segment(day, parts)).toList();
    }

    @Test
    void aTableOfAtMostOneGroupsPartsHasNoGroups() {
        assertThat(SegmentGrouping.plan(List.of(), List.of(), days(0, 2, 4), MAX_PARTS)).isEmpty();
        assertThat(SegmentGrouping.plan(List.of(), List.of(), days(0, 3, 4), MAX_PARTS)).hasSize(2);
    }

    @Test
    void aNewRootGroupsItsSegmentsInTimeOrderUpToTheBound() {
        List<SegmentRef> segments = days(0, 10, 4);
        List<SegmentGrouping.Planned> planned = SegmentGrouping.plan(List.of(), List.of(), segments, MAX_PARTS);

        assertThat(planned).extracting(SegmentGrouping.Planned::parts).containsExactly(8, 8, 8, 8, 8);
        assertThat(planned.stream().flatMap(p -> p.segments().stream()).toList()).isEqualTo(segments);
        assertThat(planned).allSatisfy(p -> assertThat(p.reused()).isNull());
    }

    @Test
    void aCommitToOneSegmentRewritesOnlyItsGroup() {
        Root base = commit(EMPTY, days(0, 10, 4));
        List<SegmentRef> segments = new ArrayList<>(base.segments());
        segments.set(4, changed(segments.get(4)));

        Root next = commit(base, segments);

        assertThat(next.groups()).hasSize(5);
        for (int g = 0; g < 5; g++) {
            if (g == 2) {
                assertThat(next.groups().get(g)).isNotIn(base.groups());
            } else {
                assertThat(next.groups().get(g)).isSameAs(base.groups().get(g));
            }
        }
    }

    @Test
    void aNewSegmentFillsTheLastGroupThenStartsTheNext() {
        Root base = commit(EMPTY, days(0, 9, 4));
        assertThat(base.groups()).extracting(SegmentGroup::parts).containsExactly(8, 8, 8, 8, 4);

        List<SegmentRef> withTenth = new ArrayList<>(base.segments());
        withTenth.add(segment(9, 4));
        Root tenth = commit(base, withTenth);
        assertThat(tenth.groups()).extracting(SegmentGroup::parts).containsExactly(8, 8, 8, 8, 8);
        assertThat(tenth.groups().subList(0, 4)).isEqualTo(base.groups().subList(0, 4));

        List<SegmentRef> withEleventh = new ArrayList<>(withTenth);
        withEleventh.add(segment(10, 4));
        Root eleventh = commit(tenth, withEleventh);
        assertThat(eleventh.groups()).extracting(SegmentGroup::parts).containsExactly(8, 8, 8, 8, 8, 4);
        assertThat(eleventh.groups().subList(0, 5)).as("only the new group is written").isEqualTo(tenth.groups());
    }

    @Test
    void aLateSegmentJoinsTheGroupBeforeIt() {
        Root base = commit(EMPTY, days(0, 20, 1).stream().filter(s -> !s.id().equals("d005")).toList());
        List<SegmentRef> segments = new ArrayList<>(base.segments());
        segments.add(5, segment(5, 1));

        Root next = commit(base, segments);

        assertThat(next.groups().get(0)).as("the group of days 0-7 had room for day 5").isNotEqualTo(base.groups().get(0));
        assertThat(next.groups().subList(1, next.groups().size())).isEqualTo(base.groups().subList(1, base.groups().size()));
    }

    @Test
    void anOverwriteThatReplacesEverySegmentWritesEveryGroup() {
        Root base = commit(EMPTY, days(0, 10, 4));
        Root next = commit(base, days(0, 10, 4));
        assertThat(next.groups()).doesNotContainAnyElementsOf(base.groups());
    }

    /**
     * Whatever a history of commits does (change, add or drop segments), every root's groups list its segments once each in
     * order, a group named again lists exactly what it listed, and groups stay within twice the bound unless one segment
     * alone is larger.
     */
    @Property(tries = 200)
    void groupsListEverySegmentOnceAndAreReusedOnlyWhenUnchanged(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 99) Integer> operations,
            @ForAll @IntRange(min = 1, max = 12) int bucketsPerSegment) {
        Root root = EMPTY;
        Map<SegmentGroup, List<SegmentRef>> written = new HashMap<>();
        int nextDay = 0;
        for (int operation : operations) {
            List<SegmentRef> segments = new ArrayList<>(root.segments());
            if (operation < 40 || segments.isEmpty()) {
                segments.add(segment(nextDay++, 1 + operation % bucketsPerSegment));
            } else if (operation < 80) {
                int index = operation % segments.size();
                segments.set(index, changed(segments.get(index)));
            } else if (operation < 90) {
                segments.remove(operation % segments.size());
            } else {
                // A late segment: between day 2 and day 3 (ids are only compared, never ordered).
                segments.add(Math.min(2, segments.size()), segment(1000 + nextDay++, 2));
            }
            Root next = commit(root, segments);

            List<SegmentRef> listed = new ArrayList<>();
            int from = 0;
            for (SegmentGroup group : next.groups()) {
                List<SegmentRef> groupSegments = segments.subList(from, from + group.segments());
                from += group.segments();
                listed.addAll(groupSegments);
                if (written.containsKey(group)) {
                    assertThat(groupSegments).as("a group named again lists what it was written with").isEqualTo(written.get(group));
                } else {
                    written.put(group, List.copyOf(groupSegments));
                }
                int parts = groupSegments.stream().mapToInt(s -> s.parts().size()).sum();
                assertThat(parts).isEqualTo(group.parts());
                assertThat(parts <= 2 * MAX_PARTS + bucketsPerSegment || groupSegments.size() == 1)
                        .as("group of %d parts in %d segments", parts, groupSegments.size()).isTrue();
            }
            int total = segments.stream().mapToInt(s -> s.parts().size()).sum();
            if (total <= MAX_PARTS) {
                assertThat(next.groups()).isEmpty();
            } else {
                assertThat(listed).isEqualTo(segments);
            }
            root = next;
        }
    }
}
