package io.azof.core.maintenance;

import io.azof.core.coverage.CoverageFile;
import io.azof.core.exceptions.AzofException;
import io.azof.core.io.TableStorage;
import io.azof.core.coverage.DataFileRecords;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.SlotSet;
import io.azof.core.types.KeyOrdering;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a delta's coverage file (SPEC section 6.14) against the table and, in deep mode, against the delta's records: it
 * must exist where the table records coverage and the delta has upserts, be counted in the table's granularity, and (deep)
 * hold exactly the slots of the delta's upserts per key.
 */
final class CoverageChecks {
    private CoverageChecks() {
    }

    static List<ValidationProblem> check(TableStorage storage, FileReference reference, boolean deep) {
        List<ValidationProblem> problems = new ArrayList<>();
        DeltaFile delta = reference.delta();
        TableDefinition table = reference.table();
        CoverageGranularity granularity = table.coverage().granularity();
        if (delta == null || granularity == null) {
            return problems;
        }
        String where = reference.location();
        boolean hasUpserts = delta.stats() != null && delta.stats().rows() > delta.stats().deletes();
        if (delta.coverage() == null) {
            if (hasUpserts) {
                problems.add(ValidationProblem.error(Kind.COVERAGE_MISMATCH, where, "the table records coverage ("
                        + TableDefinition.COVERAGE_GRANULARITY + " " + granularity + ") but this delta, which holds upserts, names no"
                        + " coverage file; set the property again to rebuild the coverage"));
            }
            return problems;
        }
        Map<Object[], SlotSet> recorded = new TreeMap<>(KeyOrdering.of(table.keySchema()));
        try {
            CoverageFile.read(storage, delta.coverage(), table.keySchema(), granularity, deep, (key, slots) -> recorded.put(key, slots));
        } catch (AzofException e) {
            problems.add(ValidationProblem.error(Kind.COVERAGE_MISMATCH, where, "its coverage file " + delta.coverage()
                    + " cannot be used: " + e.getMessage()));
            return problems;
        }
        if (!deep) {
            return problems;
        }
        Map<Object[], SlotSet> actual;
        try {
            actual = coverageOfRecords(storage, reference.path(), table, granularity);
        } catch (AzofException | UncheckedIOException e) {
            // The data file's own checks report why it cannot be read.
            return problems;
        }
        if (!actual.equals(recorded)) {
            int differing = 0;
            String first = null;
            for (Map.Entry<Object[], SlotSet> entry : actual.entrySet()) {
                if (!entry.getValue().equals(recorded.get(entry.getKey()))) {
                    differing++;
                    first = first == null ? table.describeKey(entry.getKey()) : first;
                }
            }
            for (Object[] key : recorded.keySet()) {
                if (!actual.containsKey(key)) {
                    differing++;
                    first = first == null ? table.describeKey(key) : first;
                }
            }
            problems.add(ValidationProblem.error(Kind.COVERAGE_MISMATCH, where, "its coverage file " + delta.coverage() + " differs from the"
                    + " slots of its upserts for " + differing + " key" + (differing == 1 ? "" : "s") + ", first " + first
                    + "; set the property again to rebuild the coverage"));
        }
        return problems;
    }

    /** Per key with upserts in the data file, the slots they cover. */
    private static Map<Object[], SlotSet> coverageOfRecords(TableStorage storage, String file, TableDefinition table,
                                                          CoverageGranularity granularity) {
        Map<Object[], SlotSet> coverage = new TreeMap<>(KeyOrdering.of(table.keySchema()));
        DataFileRecords.read(storage, file, table, (key, eventTime, deleted) -> {
            if (!deleted) {
                coverage.computeIfAbsent(key, k -> new SlotSet()).add(granularity.slotOf(eventTime));
            }
        });
        return coverage;
    }
}
