package io.azof.core;

import io.azof.core.coverage.VersionCoverage;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.SnapshotLog;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.VersionHead;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.SlotCoverage;
import io.azof.core.slots.SlotSet;
import io.azof.core.time.Micros;
import io.azof.core.types.KeyOrdering;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which event-time slots of a range hold data, per key and over the whole table, answered from the coverage the table's
 * commits recorded (SPEC section 6.14), without reading a data file: {@link Table#coverage}. The range [from, to) is
 * widened to whole slots.
 */
public final class CoverageQuery {
    private final Table table;
    private final Instant from;
    private final Instant to;
    private final VersionSelector version;
    private final List<Object[]> keys;

    CoverageQuery(Table table, Instant from, Instant to, VersionSelector version, List<Object[]> keys) {
        this.table = table;
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.version = version;
        this.keys = keys;
        if (!from.isBefore(to)) {
            throw new InvalidOptionException("The coverage range [" + from + ", " + to + ") is empty; 'from' must be before 'to'");
        }
    }

    /** The coverage as of the version {@code selector} picks (default: the latest). */
    public CoverageQuery asOf(VersionSelector selector) {
        return new CoverageQuery(table, from, to, selector, keys);
    }

    /** The coverage as of version {@code version}. */
    public CoverageQuery asOfVersion(long version) {
        return asOf(VersionSelector.version(version));
    }

    /**
     * Only these keys (values per key column, in the {@link io.azof.core.types.DataType} representation): the coverage files
     * of other buckets and key ranges are not read. Keys without data are not reported.
     */
    public CoverageQuery forKeys(List<Object[]> selected) {
        return new CoverageQuery(table, from, to, version, List.copyOf(selected));
    }

    /**
     * Reads the coverage.
     *
     * @throws InvalidOptionException for a table that records no coverage, naming the property to set
     * @throws io.azof.core.exceptions.VersionNotFoundException for an unknown version
     * @throws io.azof.core.exceptions.VersionExpiredException for an expired one
     */
    public Coverage compute() {
        long picked = table.resolve(version);
        SnapshotFile head = new SnapshotLog(table.storage()).readHead(picked);
        TableDefinition definition = VersionHead.of(head).table();
        definition.requireWritable(table.location(), "coverage");
        CoverageGranularity granularity = definition.coverage().granularity();
        if (granularity == null || !(head instanceof SnapshotRoot root)) {
            throw new InvalidOptionException("Table " + table.location() + " records no coverage at version " + picked
                    + "; set its property '" + TableDefinition.COVERAGE_GRANULARITY + "' (such as 1h) with ALTER TABLE ... SET TBLPROPERTIES"
                    + " or Table.updateProperties(), which records the coverage of the data it has");
        }
        long fromSlot = granularity.firstSlot(Micros.of(from));
        long toSlot = granularity.endSlot(Micros.of(to));
        NavigableSet<Object[]> selected = null;
        if (keys != null) {
            selected = new TreeSet<>(KeyOrdering.of(definition.keySchema()));
            selected.addAll(keys);
        }
        NavigableMap<Object[], SlotSet> perKey = VersionCoverage.read(table.storage(), root, selected, fromSlot, toSlot);
        return Coverage.of(picked, definition, granularity, perKey, fromSlot, toSlot);
    }

    /** The answer: per key, and over the whole table (the union over its keys). */
    public static final class Coverage {
        private final long version;
        private final TableDefinition table;
        private final List<KeyCoverage> keys;
        private final SlotCoverage union;

        private Coverage(long version, TableDefinition table, List<KeyCoverage> keys, SlotCoverage union) {
            this.version = version;
            this.table = table;
            this.keys = keys;
            this.union = union;
        }

        static Coverage of(long version, TableDefinition table, CoverageGranularity granularity, NavigableMap<Object[], SlotSet> perKey,
                           long fromSlot, long toSlot) {
            List<KeyCoverage> keys = new ArrayList<>(perKey.size());
            SlotSet all = new SlotSet();
            for (Map.Entry<Object[], SlotSet> entry : perKey.entrySet()) {
                keys.add(new KeyCoverage(entry.getKey(), new SlotCoverage(granularity, entry.getValue(), fromSlot, toSlot)));
                all.addAll(entry.getValue());
            }
            return new Coverage(version, table, List.copyOf(keys), new SlotCoverage(granularity, all, fromSlot, toSlot));
        }

        /** The version answered for. */
        public long version() {
            return version;
        }

        public CoverageGranularity granularity() {
            return union.granularity();
        }

        /** Every key with at least one upsert record in the version, in or out of the range, in key order. */
        public List<KeyCoverage> keys() {
            return keys;
        }

        /** One key's coverage, or null when the key has no upsert record (or was not asked for). */
        public KeyCoverage key(Object... values) {
            Comparator<Object[]> order = KeyOrdering.of(table.keySchema());
            // keys() is in key order.
            int index = Collections.binarySearch(keys, new KeyCoverage(values, null), (a, b) -> order.compare(a.key(), b.key()));
            return index >= 0 ? keys.get(index) : null;
        }

        /** The table-wide coverage: a slot is covered when any key covers it. */
        public SlotCoverage table() {
            return union;
        }

        /** The key column names, in key order, for the values of {@link KeyCoverage#key()}. */
        public List<String> keyColumns() {
            return table.keyColumns();
        }
    }

    /** One key's coverage: the key's values (one per key column) and which slots of the range hold its data. */
    public record KeyCoverage(Object[] key, SlotCoverage coverage) {
    }
}
