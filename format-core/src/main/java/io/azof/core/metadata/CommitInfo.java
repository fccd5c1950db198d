package io.azof.core.metadata;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a commit recorded about itself (format versions 2 and 3).
 *
 * @param committedAtMillis commit time in epoch milliseconds; strictly increasing with the version
 * @param writeId the writer-supplied id of this write, or null
 * @param writeIds format version 2: every write id committed to the table up to and including this version, a list that
 *     grows with every commit that has an id. Format version 3: the latest {@link #RECENT_WRITE_IDS} free-form ids only
 * @param rowsDropped an append with overlap policy {@code skip}: the rows it left out because their slots were covered
 *     already (SPEC section 6.15); 0 otherwise
 * @param writers format version 3: per writer, the highest sequence committed up to and including this version by ids of the
 *     form {@code <writer>:<sequence>} ({@link WriteId}); its size is the number of writers, not of commits. Empty in
 *     format version 2
 */
public record CommitInfo(
        long committedAtMillis,
        String operation,
        String writeId,
        List<String> writeIds,
        Map<String, Long> writers,
        long rowsAdded,
        long filesAdded,
        long rowsRemoved,
        long filesRemoved,
        long rowsDropped) implements Serializable {

    public static final String CREATE = "create";
    public static final String APPEND = "append";
    public static final String OVERWRITE = "overwrite";
    public static final String COMPACT = "compact";
    /** A schema change: a new table definition, no files added or removed. */
    public static final String ALTER = "alter";
    /** An in-place upgrade of the metadata to format version 3: no files added or removed. */
    public static final String UPGRADE = "upgrade";
    /**
     * How many free-form write ids format version 3 keeps: a retry of a write is recognised while fewer than this many
     * writes with other free-form ids committed since. Ids of the form {@code <writer>:<sequence>} are recognised forever.
     */
    public static final int RECENT_WRITE_IDS = 1000;

    public CommitInfo {
        writeIds = List.copyOf(writeIds);
        writers = Collections.unmodifiableMap(new TreeMap<>(writers));
    }

    /** A commit that dropped no rows for overlapping (SPEC section 6.15). */
    public CommitInfo(long committedAtMillis, String operation, String writeId, List<String> writeIds, Map<String, Long> writers,
                      long rowsAdded, long filesAdded, long rowsRemoved, long filesRemoved) {
        this(committedAtMillis, operation, writeId, writeIds, writers, rowsAdded, filesAdded, rowsRemoved, filesRemoved, 0);
    }

    /** This commit having left out {@code rows} for overlapping. */
    public CommitInfo withRowsDropped(long rows) {
        return new CommitInfo(committedAtMillis, operation, writeId, writeIds, writers, rowsAdded, filesAdded, rowsRemoved, filesRemoved, rows);
    }

    /** A format version 2 commit, which lists every write id. */
    public CommitInfo(long committedAtMillis, String operation, String writeId, List<String> writeIds, long rowsAdded, long filesAdded,
                      long rowsRemoved, long filesRemoved) {
        this(committedAtMillis, operation, writeId, writeIds, Map.of(), rowsAdded, filesAdded, rowsRemoved, filesRemoved);
    }

    /**
     * Whether a write with this id was committed at or before this version, so that retrying it must commit nothing: an id
     * {@code <writer>:<sequence>} whose sequence is at or below the highest its writer committed (format version 3), or an
     * id the version lists.
     */
    public boolean hasCommitted(String id) {
        WriteId sequenced = WriteId.parse(id);
        if (sequenced != null && !writers.isEmpty()) {
            Long highest = writers.get(sequenced.writer());
            if (highest != null && sequenced.sequence() <= highest) {
                return true;
            }
        }
        return writeIds.contains(id);
    }

    /** Format version 3's writers after a commit of {@code id} (null: none): its writer's highest sequence, if it has one. */
    public static Map<String, Long> writersAfter(Map<String, Long> before, String id) {
        Map<String, Long> after = new LinkedHashMap<>(before);
        WriteId sequenced = sequenced(id);
        if (sequenced != null) {
            after.merge(sequenced.writer(), sequenced.sequence(), Math::max);
        }
        return after;
    }

    /** Format version 3's free-form ids after a commit of {@code id}: the latest {@link #RECENT_WRITE_IDS}. */
    public static List<String> recentAfter(List<String> before, String id) {
        if (!isFreeForm(id)) {
            return before;
        }
        List<String> after = new ArrayList<>(before);
        after.remove(id);
        after.add(id);
        return after.size() <= RECENT_WRITE_IDS ? after : after.subList(after.size() - RECENT_WRITE_IDS, after.size());
    }

    /**
     * The writers a format version 2 list of write ids becomes when the table is upgraded to format version 3: what
     * {@link #writersAfter} gives applied to each id in turn, in one pass over the list.
     */
    public static Map<String, Long> writersOf(List<String> ids) {
        Map<String, Long> writers = new LinkedHashMap<>();
        for (String id : ids) {
            WriteId sequenced = sequenced(id);
            if (sequenced != null) {
                writers.merge(sequenced.writer(), sequenced.sequence(), Math::max);
            }
        }
        return writers;
    }

    /**
     * The free-form ids a format version 2 list of write ids keeps when the table is upgraded to format version 3: what
     * {@link #recentAfter} gives applied to each id in turn (the latest {@link #RECENT_WRITE_IDS} distinct ids, ordered by
     * their last commit), in one pass over the list.
     */
    public static List<String> recentOf(List<String> ids) {
        Set<String> recent = new LinkedHashSet<>();
        for (String id : ids) {
            if (!isFreeForm(id)) {
                continue;
            }
            recent.remove(id);
            recent.add(id);
            if (recent.size() > RECENT_WRITE_IDS) {
                Iterator<String> oldest = recent.iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return new ArrayList<>(recent);
    }

    /** The writer and sequence of an id {@code <writer>:<sequence>}; null for a free-form id or none. */
    private static WriteId sequenced(String id) {
        return id == null ? null : WriteId.parse(id);
    }

    /** Whether there is an id and it is free-form, not {@code <writer>:<sequence>}. */
    private static boolean isFreeForm(String id) {
        return id != null && WriteId.parse(id) == null;
    }
}
