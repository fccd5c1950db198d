package io.azof.benchmarks;

/**
 * What identifies a synthetic table of the metadata scenario ({@link SyntheticTable}): how many data files its latest
 * snapshot lists and how many versions committed them.
 *
 * @param files    data files of the latest snapshot, spread over {@link SyntheticTable#DAYS} daily segments and
 *                 {@link SyntheticTable#BUCKETS} buckets
 * @param versions the latest version; also the number of write ids the snapshot lists, one per committed write
 * @param seed     the seed of the generated file names, event times, sizes and write ids
 */
public record SyntheticTableParameters(long files, long versions, long seed) {
    /**
     * The most files: a snapshot of ten million files would be gigabytes of JSON, beyond any heap the benchmark runs in,
     * and file numbers stay well inside an int.
     */
    public static final long MAX_FILES = 10_000_000;

    public SyntheticTableParameters {
        if (files < 1 || files > MAX_FILES) {
            throw new IllegalArgumentException("files must be from 1 to " + String.format("%,d", MAX_FILES) + ", got " + files);
        }
        if (versions < 1) {
            throw new IllegalArgumentException("versions must be at least 1, got " + versions);
        }
    }

    /** As a table a year into minute-level ingestion would have: a version for every ten files (N/10), at least one. */
    public static SyntheticTableParameters withDefaultVersions(long files, long seed) {
        return new SyntheticTableParameters(files, Math.max(1, files / 10), seed);
    }

    /** The directory name under the scenario's data directory, e.g. {@code synthetic-10000x1000-seed42}. */
    public String directoryName() {
        return "synthetic-" + files + "x" + versions + "-seed" + seed;
    }
}
