package io.azof.core.log;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place that knows the names of a table's metadata files. */
public final class MetadataFiles {
    /** Holds the number of the current snapshot, as azof 0.2.1 writes it. */
    public static final String VERSION_HINT = "version.txt";

    /** Where format version 3 keeps its manifests (SPEC section 6.12). */
    public static final String MANIFEST_DIRECTORY = "metadata/";

    private static final Pattern SNAPSHOT_FILE = Pattern.compile("s([1-9][0-9]*)\\.json");

    private MetadataFiles() {
    }

    public static String snapshotFile(long version) {
        return "s" + version + ".json";
    }

    /**
     * A new manifest's name: the version it was written for, the segment and bucket of its part, and a random suffix, since
     * a commit that loses its race writes its manifests again for the next version, and a name must never be reused.
     *
     * @param kind {@code p} for a part manifest, {@code c} for a chunk
     */
    public static String manifestFile(char kind, long version, String segmentId, int bucket) {
        return MANIFEST_DIRECTORY + kind + version + "-" + segmentId + "-b" + bucket + "-" + UUID.randomUUID() + ".json";
    }

    /** A new segment group's name ({@link io.azof.core.metadata.SegmentGroup}): the version it was written for and a random suffix. */
    public static String groupFile(long version) {
        return MANIFEST_DIRECTORY + "g" + version + "-" + UUID.randomUUID() + ".json";
    }

    /** The version a snapshot file name {@code s<N>.json} names, or 0 when {@code fileName} is no snapshot file's. */
    public static long versionOf(String fileName) {
        Matcher m = SNAPSHOT_FILE.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
