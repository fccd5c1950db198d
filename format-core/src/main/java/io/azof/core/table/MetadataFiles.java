package io.azof.core.table;

/** The one place that knows the names of a table's metadata files. */
public final class MetadataFiles {
    /** Holds the number of the current snapshot, as azof 0.2.1 writes it. */
    public static final String VERSION_HINT = "version.txt";

    private MetadataFiles() {
    }

    public static String snapshotFile(long version) {
        return "s" + version + ".json";
    }
}
