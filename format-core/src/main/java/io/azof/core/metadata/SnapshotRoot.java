package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A format version 3 snapshot file {@code s<N>.json}: the table, the commit, and per segment the parts it consists of,
 * each naming an immutable manifest that versions share until a commit changes the part (SPEC section 6.12). Reading the
 * table's files means reading those manifests ({@link io.azof.core.log.SnapshotLog#read}).
 *
 * <p>A root lists its segments itself, or, once the table has more parts than a group holds, names {@link SegmentGroup}s
 * that list them. A root read alone ({@link io.azof.core.log.SnapshotLog#readHead}) has its groups' segments unread:
 * what a writer's validation or a commit record needs costs one small file, whatever the table's size.
 *
 * @param segments every segment with its parts, in time order; null while the groups that list them are unread
 * @param groups   the groups that list the segments, in segment order; empty when the root lists them itself
 */
public record SnapshotRoot(long version, TableDefinition table, CommitInfo commit, List<SegmentRef> segments, List<SegmentGroup> groups)
        implements SnapshotFile, Serializable {
    public SnapshotRoot {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(commit, "commit");
        groups = List.copyOf(groups);
        if (segments == null && groups.isEmpty()) {
            throw new IllegalArgumentException("a root without groups lists its segments");
        }
        segments = segments == null ? null : List.copyOf(segments);
    }

    /** A root that lists its segments itself (until {@link #withGroups} names groups for them). */
    public SnapshotRoot(long version, TableDefinition table, CommitInfo commit, List<SegmentRef> segments) {
        this(version, table, commit, Objects.requireNonNull(segments, "segments"), List.of());
    }

    /** Whether the segments are known: listed by the root itself, or read from its groups. */
    public boolean resolved() {
        return segments != null;
    }

    /**
     * Every segment with its parts.
     *
     * @throws IllegalStateException when the groups that list them were not read ({@link io.azof.core.log.ManifestStore#resolve})
     */
    @Override
    public List<SegmentRef> segments() {
        if (segments == null) {
            throw new IllegalStateException("the segments of version " + version + " are listed in its " + groups.size()
                    + " segment groups, which were not read");
        }
        return segments;
    }

    /** This root with its segments, as its groups list them. */
    public SnapshotRoot withSegments(List<SegmentRef> segments) {
        return new SnapshotRoot(version, table, commit, segments, groups);
    }

    /** This root naming {@code groups} for its segments (none: it lists them itself). */
    public SnapshotRoot withGroups(List<SegmentGroup> groups) {
        return new SnapshotRoot(version, table, commit, segments(), groups);
    }

    public CommitRecord commitRecord() {
        return CommitRecord.of(version, commit);
    }

    /** Every manifest the root names (not the chunks those name). */
    public List<String> manifests() {
        return segments().stream().flatMap(s -> s.parts().stream()).map(PartRef::manifest).toList();
    }
}
