package io.azof.spark.catalog;

import io.azof.core.Table;
import io.azof.core.metadata.DataFileEntry;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.SegmentEntry;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.Micros;
import io.azof.core.types.ValueText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A table's metadata as rows: its versions, its segment tree and its data files, built on the driver from
 * format-core's metadata alone (no data file is opened). The catalog's metadata tables ({@code t.snapshots},
 * {@code t.segments}, {@code t.files}) and {@link io.azof.spark.AzofTable#history()} show these rows.
 */
public final class TableMetadataRows {
    /** Rows laid out as {@code schema}; timestamps as {@link java.time.Instant}s. */
    public record RowSet(StructType schema, List<Row> rows) {
    }

    private TableMetadataRows() {
    }

    /**
     * One row per version, newest first, expired versions included: version, committed_at, operation (create, append,
     * overwrite, compact), write_id, rows_added, files_added, rows_removed, files_removed, expired (true when the
     * version can no longer be read), rows_dropped (rows an append with onOverlap=skip left out, SPEC section 6.15).
     *
     * @throws io.azof.core.exceptions.AzofException for an azof 0.2.1 table, which records no commits
     */
    public static RowSet snapshots(Table table) {
        StructType schema = new StructType()
                .add("version", DataTypes.LongType, false)
                .add("committed_at", DataTypes.TimestampType, false)
                .add("operation", DataTypes.StringType, false)
                .add("write_id", DataTypes.StringType, true)
                .add("rows_added", DataTypes.LongType, false)
                .add("files_added", DataTypes.LongType, false)
                .add("rows_removed", DataTypes.LongType, false)
                .add("files_removed", DataTypes.LongType, false)
                .add("expired", DataTypes.BooleanType, false)
                .add("rows_dropped", DataTypes.LongType, false);
        List<Row> rows = table.history().stream()
                .map(v -> RowFactory.create(v.version(), v.committedAt(), v.operation(), v.writeId(), v.rowsAdded(), v.filesAdded(),
                        v.rowsRemoved(), v.filesRemoved(), v.expired(), v.rowsDropped()))
                .toList();
        return new RowSet(schema, rows);
    }

    /**
     * One row per segment of the snapshot's event-time tree, depth first in the snapshot's order: segment_id,
     * parent_id (null for top-level segments; only azof 0.2.1 tables nest them), start, end (inclusive; null while
     * the segment is open), delta_files, base_files, rows and bytes of its own files (null for azof 0.2.1 tables,
     * whose snapshots record no statistics).
     */
    public static RowSet segments(Snapshot snapshot) {
        StructType schema = new StructType()
                .add("segment_id", DataTypes.StringType, false)
                .add("parent_id", DataTypes.StringType, true)
                .add("start", DataTypes.TimestampType, false)
                .add("end", DataTypes.TimestampType, true)
                .add("delta_files", DataTypes.IntegerType, false)
                .add("base_files", DataTypes.IntegerType, false)
                .add("rows", DataTypes.LongType, true)
                .add("bytes", DataTypes.LongType, true);
        boolean withStats = !snapshot.isLegacy();
        List<Row> rows = new ArrayList<>();
        for (SegmentEntry entry : snapshot.segmentsDepthFirst()) {
            Segment segment = entry.segment();
            List<FileStats> stats = new ArrayList<>();
            segment.deltas().forEach(delta -> stats.add(delta.stats()));
            segment.bases().forEach(base -> stats.add(base.stats()));
            rows.add(RowFactory.create(segment.id(), entry.parent() == null ? null : entry.parent().id(), Micros.toInstant(segment.startMicros()),
                    segment.isOpen() ? null : Micros.toInstant(segment.endMicros()),
                    segment.deltas().size(), segment.bases().size() + (segment.baseFile() == null ? 0 : 1),
                    withStats ? stats.stream().mapToLong(FileStats::rows).sum() : null,
                    withStats ? stats.stream().mapToLong(FileStats::bytes).sum() : null));
        }
        return new RowSet(schema, rows);
    }

    /**
     * One row per data file of the snapshot, segment by segment (depth first), deltas before bases: path (relative
     * to the table directory, as the snapshot names it), role (delta or base), segment_id, then what the snapshot
     * records about the file: bucket, rows, bytes, min_key and max_key (as text: the value of a one-column key,
     * {@code (a=…, b=…)} for several columns), min_event_time, max_event_time, deletes, added_version, and
     * covers_version (for bases built by compaction: the version whose records they summarise; null for deltas).
     * azof 0.2.1 snapshots record none of it: those columns are null for their files.
     */
    public static RowSet files(Snapshot snapshot) {
        StructType schema = new StructType()
                .add("path", DataTypes.StringType, false)
                .add("role", DataTypes.StringType, false)
                .add("segment_id", DataTypes.StringType, false)
                .add("bucket", DataTypes.IntegerType, true)
                .add("rows", DataTypes.LongType, true)
                .add("bytes", DataTypes.LongType, true)
                .add("min_key", DataTypes.StringType, true)
                .add("max_key", DataTypes.StringType, true)
                .add("min_event_time", DataTypes.TimestampType, true)
                .add("max_event_time", DataTypes.TimestampType, true)
                .add("deletes", DataTypes.LongType, true)
                .add("added_version", DataTypes.LongType, true)
                .add("covers_version", DataTypes.LongType, true);
        List<Row> rows = new ArrayList<>();
        for (DataFileEntry file : snapshot.dataFiles()) {
            rows.add(fileRow(snapshot.table(), file));
        }
        return new RowSet(schema, rows);
    }

    private static Row fileRow(TableDefinition table, DataFileEntry file) {
        String role = file.role().name().toLowerCase(Locale.ROOT);
        FileStats stats = file.stats();
        if (stats == null) {
            return RowFactory.create(file.file(), role, file.segment().id(), null, null, null, null, null, null, null, null, null,
                    file.coversVersion());
        }
        return RowFactory.create(file.file(), role, file.segment().id(), stats.bucket(), stats.rows(), stats.bytes(),
                keyText(table, stats.minKey()), keyText(table, stats.maxKey()), Micros.toInstant(stats.minEventTimeMicros()),
                Micros.toInstant(stats.maxEventTimeMicros()), stats.deletes(), stats.addedVersion(), file.coversVersion());
    }

    /** A key as users write it: the value of a one-column key, {@code (region=EU, sensor=17)} for several columns. */
    private static String keyText(TableDefinition table, Object[] key) {
        if (key == null) {
            return null;
        }
        return key.length == 1 ? ValueText.of(table.keySchema().field(0).type(), key[0]) : table.describeKey(key);
    }
}
