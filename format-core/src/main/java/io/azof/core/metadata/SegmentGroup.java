package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * A group of consecutive segments of a large format version 3 table, listed with their parts in an immutable file under
 * {@code metadata/} that versions share until a commit changes one of its segments (SPEC section 6.12). A root names its
 * groups in place of its segments, so that a commit rewrites the root, the groups it changes and nothing else: the root
 * of a table a year into daily segments stays a few kilobytes.
 *
 * @param file     the group file, relative to the table
 * @param segments how many segments it lists
 * @param parts    how many parts those segments have, summed
 */
public record SegmentGroup(String file, int segments, int parts) implements Serializable {
    /**
     * The parts a group holds before a commit starts the next one: a commit that changes a segment rewrites its group, so
     * this bounds what it writes besides the root (a part's entry is a few hundred bytes), while a year of daily segments
     * of four buckets takes 23 groups.
     */
    public static final int GROUP_PARTS = 64;
    /**
     * A system property that overrides {@link #GROUP_PARTS} for the commits of this JVM: a tuning knob, and how tests make
     * small tables use groups. Readers need not know it, since roots say how they are grouped.
     */
    public static final String GROUP_PARTS_PROPERTY = "azof.manifest.groupParts";

    public SegmentGroup {
        Objects.requireNonNull(file, "file");
        if (segments < 1) {
            throw new IllegalArgumentException("a segment group lists at least one segment, got " + segments);
        }
    }
}
