package io.azof.core.plan;

import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.KeyHashing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides, from a snapshot's statistics alone, which data files of a format version 2 table a read with a
 * {@link ScanFilter} can skip. Pure and static: no I/O, no engine.
 *
 * <p>Every answer errs towards reading: a file is skipped only when <em>no</em> record in it can satisfy
 * the filter, judged from its bucket, its latest event time and its min and max key over all key columns,
 * not only the first (SPEC section 6.4: why that is safe, and how the key range bounds each column).
 */
public final class FilePruning {
    /**
     * The most key combinations {@link #buckets} hashes; beyond it (say, three columns with 100 values each)
     * it declines to prune buckets rather than hash a million keys while planning.
     */
    public static final int MAX_BUCKET_COMBINATIONS = 10_000;

    private FilePruning() {
    }

    /**
     * False only when no record of the file can satisfy {@code filter}: the filter matches nothing, the
     * file's latest event time is before the filter's event-time lower bound, or no key between the file's
     * min and max key satisfies the key constraints. Files without statistics (azof 0.2.1 tables, null
     * {@code stats}) are never skipped unless the filter matches nothing. Bucket pruning is separate
     * ({@link #buckets}, or both at once with {@link #fileFilter}).
     *
     * @throws IllegalArgumentException when the file's keys do not have one value per key column of the filter
     */
    public static boolean mayMatch(ScanFilter filter, FileStats stats) {
        if (filter.matchesNothing()) {
            return false;
        }
        if (stats == null) {
            return true;
        }
        if (filter.eventTimeLowerBound().isPresent() && stats.maxEventTimeMicros() < filter.eventTimeLowerBound().getAsLong()) {
            return false;
        }
        int keyColumns = filter.keySchema().size();
        if (keyColumns == 0 || stats.minKey() == null || stats.maxKey() == null) {
            return true;
        }
        if (stats.minKey().length != keyColumns || stats.maxKey().length != keyColumns) {
            throw new IllegalArgumentException("file statistics hold keys of " + stats.minKey().length + " and " + stats.maxKey().length
                    + " values, but the filter is on " + keyColumns + " key columns " + filter.keySchema().fieldNames());
        }
        return someKeyBetweenMayMatch(filter, stats.minKey(), stats.maxKey(), 0, true, true);
    }

    /**
     * Whether a key k with {@code min <= k <= max} and satisfying every column constraint may exist, looking
     * at the columns from {@code column} on, where the key agrees with {@code min} on all earlier columns
     * when {@code onMin}, and with {@code max} when {@code onMax}. A key that left both boundaries is
     * strictly between min and max whatever its remaining columns hold, and every constraint allows some
     * value (the filter does not match nothing), so it may match.
     */
    private static boolean someKeyBetweenMayMatch(ScanFilter filter, Object[] min, Object[] max, int column,
                                                  boolean onMin, boolean onMax) {
        if (column == min.length || (!onMin && !onMax)) {
            return true;
        }
        ScanFilter.KeyConstraint constraint = filter.keyConstraint(column);
        Comparator<Object> order = filter.keyOrder(column);
        Object low = onMin ? min[column] : null;
        Object high = onMax ? max[column] : null;
        if (onMin && onMax) {
            int c = order.compare(low, high);
            if (c > 0) {
                return true; // min above max: statistics that cannot be right; never skip on them
            }
            if (c == 0) {
                return constraint.allows(low, order) && someKeyBetweenMayMatch(filter, min, max, column + 1, true, true);
            }
        }
        if (constraint.mayAllowStrictlyBetween(low, high, order)) {
            return true;
        }
        if (onMin && constraint.allows(low, order) && someKeyBetweenMayMatch(filter, min, max, column + 1, true, false)) {
            return true;
        }
        return onMax && constraint.allows(high, order) && someKeyBetweenMayMatch(filter, min, max, column + 1, false, true);
    }

    /**
     * The buckets that can hold a key satisfying {@code filter}, when every key column is limited to a finite
     * set of values (by {@code =} and {@code IN}) with at most {@link #MAX_BUCKET_COMBINATIONS} combinations:
     * each combination is hashed exactly as the writer places keys ({@link KeyHashing} over the table's key
     * schema, modulo its {@code buckets}). Empty (no bucket pruning) otherwise, and for azof 0.2.1 tables,
     * which have no buckets. A filter that matches nothing gives the empty set.
     *
     * @param table the definition of the snapshot being read: bucket numbers depend on its bucket count
     * @throws IllegalArgumentException when the filter was built for other key columns than the table's
     */
    public static Optional<Set<Integer>> buckets(ScanFilter filter, TableDefinition table) {
        if (table.isLegacy()) {
            return Optional.empty();
        }
        if (filter.matchesNothing()) {
            return Optional.of(Set.of());
        }
        if (filter.keySchema().size() == 0) {
            return Optional.empty();
        }
        if (!filter.keySchema().equals(table.keySchema())) {
            throw new IllegalArgumentException("the filter is on key columns " + filter.keySchema() + ", but the table's are "
                    + table.keySchema());
        }
        List<List<Object>> valuesPerColumn = new ArrayList<>();
        long combinations = 1;
        for (int i = 0; i < filter.keySchema().size(); i++) {
            Optional<List<Object>> values = filter.keyConstraint(i).allowedValues();
            if (values.isEmpty()) {
                return Optional.empty();
            }
            combinations *= values.get().size();
            if (combinations > MAX_BUCKET_COMBINATIONS) {
                return Optional.empty();
            }
            valuesPerColumn.add(values.get());
        }
        KeyHashing hashing = KeyHashing.of(table.keySchema());
        Set<Integer> buckets = new TreeSet<>();
        int[] positions = new int[valuesPerColumn.size()];
        for (long n = 0; n < combinations; n++) {
            Object[] key = new Object[positions.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = valuesPerColumn.get(i).get(positions[i]);
            }
            buckets.add(hashing.bucketOf(key, table.buckets()));
            // Advance the odometer: the last column turns fastest.
            for (int i = positions.length - 1; i >= 0; i--) {
                if (++positions[i] < valuesPerColumn.get(i).size()) {
                    break;
                }
                positions[i] = 0;
            }
        }
        return Optional.of(Collections.unmodifiableSet(buckets));
    }

    /**
     * Both prunings at once, for a planner: a predicate that is false for the statistics of a file that
     * cannot hold a matching record, by its bucket ({@link #buckets}, computed once here) or by its
     * statistics ({@link #mayMatch}).
     */
    public static Predicate<FileStats> fileFilter(ScanFilter filter, TableDefinition table) {
        Optional<Set<Integer>> buckets = buckets(filter, table);
        return stats -> (stats == null || buckets.isEmpty() || buckets.get().contains(stats.bucket())) && mayMatch(filter, stats);
    }
}
