package io.azof.core.coverage;

import io.azof.core.io.TableStorage;
import io.azof.core.log.ManifestStore;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.types.KeyOrdering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The coverage of a table's existing data, for a change of its coverage granularity (SPEC section 6.14): a coverage file
 * per delta, computed from the delta's keys, event times and ops. Deltas hold every record of the version (bases only
 * repeat some of them), so their coverage files together are the version's coverage.
 */
public final class CoverageBackfill {
    private CoverageBackfill() {
    }

    /**
     * Every delta of {@code snapshot} described with its coverage file for {@code table}'s granularity (none when it records
     * no coverage), written here unless {@code written} holds one from an earlier attempt; {@code written} gains those written.
     */
    public static List<NewDataFile> deltasWithCoverage(TableStorage storage, Snapshot snapshot, TableDefinition table,
                                                       Map<String, String> written) {
        CoverageGranularity granularity = table.coverage().granularity();
        List<DeltaFile> deltas = new ArrayList<>();
        for (Segment segment : snapshot.segments()) {
            deltas.addAll(segment.deltas());
        }
        List<String> coverage = ManifestStore.inParallel(deltas, delta -> {
            if (granularity == null) {
                return null;
            }
            String known = written.get(delta.file());
            return known != null ? known : write(storage, table, granularity, delta.file());
        });
        List<NewDataFile> described = new ArrayList<>(deltas.size());
        for (int i = 0; i < deltas.size(); i++) {
            DeltaFile delta = deltas.get(i);
            if (coverage.get(i) != null) {
                written.put(delta.file(), coverage.get(i));
            }
            described.add(new NewDataFile(table.granularity().segmentOf(delta.startMicros()), delta.file(), FileRole.DELTA, delta.stats(),
                    coverage.get(i)));
        }
        return described;
    }

    /** Writes the coverage file of one delta, read in its own order (key, then event time); null when it holds no upsert. */
    private static String write(TableStorage storage, TableDefinition table, CoverageGranularity granularity, String dataFile) {
        Comparator<Object[]> order = KeyOrdering.of(table.keySchema());
        try (CoverageFile.Writer writer = new CoverageFile.Writer(storage, CoverageFile.rebuiltNameFor(dataFile), table.keySchema(),
                granularity)) {
            Object[][] previous = {null};
            DataFileRecords.read(storage, dataFile, table, (key, eventTime, deleted) -> {
                if (previous[0] == null || order.compare(previous[0], key) != 0) {
                    writer.startKey(key);
                    previous[0] = key;
                }
                writer.add(eventTime, deleted);
            });
            return writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the coverage of " + storage.location(dataFile) + "; nothing was committed", e);
        }
    }
}
