package io.azof.core.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place that knows the names of a table's metadata files. */
public final class MetadataFiles {
    /** Holds the number of the current snapshot, as azof 0.2.1 writes it. */
    public static final String VERSION_HINT = "version.txt";

    private static final Pattern SNAPSHOT_FILE = Pattern.compile("s([1-9][0-9]*)\\.json");

    private MetadataFiles() {
    }

    public static String snapshotFile(long version) {
        return "s" + version + ".json";
    }

    /** The version a snapshot file name {@code s<N>.json} names, or 0 when {@code fileName} is no snapshot file's. */
    public static long versionOf(String fileName) {
        Matcher m = SNAPSHOT_FILE.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
