package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A format version 3 snapshot file {@code s<N>.json}: the table, the commit, and per segment the parts it consists of,
 * each naming an immutable manifest that versions share until a commit changes the part (SPEC section 6.12). Reading the
 * table's files means reading those manifests ({@link io.azof.core.log.SnapshotLog#read}).
 */
public record SnapshotRoot(long version, TableDefinition table, CommitInfo commit, List<SegmentRef> segments)
        implements SnapshotFile, Serializable {
    public SnapshotRoot {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(commit, "commit");
        segments = List.copyOf(segments);
    }

    public CommitRecord commitRecord() {
        return CommitRecord.of(version, commit);
    }

    /** Every manifest the root names (not the chunks those name). */
    public List<String> manifests() {
        return segments.stream().flatMap(s -> s.parts().stream()).map(PartRef::manifest).toList();
    }
}
