package io.azof.benchmarks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What Part B of the metadata scenario measured ({@link RealAppends}): each format's append latencies, and the metadata
 * bytes its appends wrote inside the windows; the azof reads after some appends; and the metadata on disk at the end.
 *
 * @param appendNanos   per format, the wall-clock time of each append, in append order
 * @param metadataBytes per format, the metadata bytes each append inside a window wrote, by append number
 * @param azofReads     the timed azof reads, in the order run
 * @param metadataAtEnd per format, the metadata files on disk after the last append and their bytes
 * @param azofVersions  the azof table's latest version at the end: the appends' plus its compactions after writes
 */
public record RealAppendsResult(MinuteSeries series, List<AppendWindow> windows, Map<TableFormat, List<Long>> appendNanos,
                                Map<TableFormat, Map<Integer, Long>> metadataBytes, List<AzofRead> azofReads,
                                Map<TableFormat, MetadataOnDisk> metadataAtEnd, long azofVersions) {
    /** The formats appended to: the three table formats, which each keep metadata of their own. */
    public static final List<TableFormat> FORMATS = List.of(TableFormat.AZOF, TableFormat.DELTA, TableFormat.ICEBERG);

    /**
     * {@code spark.read.format("azof").load(path).count()} after {@code afterAppends} appends: each repetition's time, and
     * the rows it counted (one per key).
     */
    public record AzofRead(int afterAppends, List<Long> nanos, long rows) {
        public double medianMillis() {
            return Timings.median(nanos) / 1e6;
        }
    }

    /** Files and bytes of a table's metadata. */
    public record MetadataOnDisk(long files, long bytes) {
    }

    public RealAppendsResult {
        appendNanos = copy(appendNanos);
        metadataBytes = copy(metadataBytes);
        metadataAtEnd = copy(metadataAtEnd);
    }

    private static <V> Map<TableFormat, V> copy(Map<TableFormat, V> byFormat) {
        Map<TableFormat, V> copy = new EnumMap<>(TableFormat.class);
        copy.putAll(byFormat);
        return copy;
    }

    /** The time of all the format's appends. */
    public long totalNanos(TableFormat format) {
        return appendNanos.get(format).stream().mapToLong(Long::longValue).sum();
    }

    /** The median latency of the format's appends in the window, in milliseconds. */
    public double medianMillis(TableFormat format, AppendWindow window) {
        return Timings.median(appendNanos.get(format).subList(window.first() - 1, window.last())) / 1e6;
    }

    /**
     * The metadata bytes the format's appends in the window wrote, divided by the appends: what an append costs in
     * metadata on average, a checkpoint every so many appends included. Empty when the window was not measured.
     */
    public OptionalDouble meanMetadataBytes(TableFormat format, AppendWindow window) {
        Map<Integer, Long> bytes = metadataBytes.getOrDefault(format, Map.of());
        long total = 0;
        for (int append = window.first(); append <= window.last(); append++) {
            Long written = bytes.get(append);
            if (written == null) {
                return OptionalDouble.empty();
            }
            total += written;
        }
        return OptionalDouble.of(total / (double) (window.last() - window.first() + 1));
    }
}
