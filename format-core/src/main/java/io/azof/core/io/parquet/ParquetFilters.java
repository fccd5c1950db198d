package io.azof.core.io.parquet;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.ScanFilter;
import io.azof.core.types.DataType;
import io.azof.core.types.PrimitiveType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;

/**
 * Turns a {@link ScanFilter} into a Parquet {@link FilterPredicate} over the columns of format version 2
 * data files, so Parquet skips row groups (by statistics, dictionaries) and pages (by column indexes)
 * that hold no matching record. Hand it to {@code ParquetReadOptions.builder().withRecordFilter(
 * FilterCompat.get(predicate))}.
 *
 * <p>The predicate is the filter's conjunction, less the parts Parquet cannot evaluate in the key order;
 * dropping a conjunct only widens what is read, so it is always safe. Because it holds only predicates
 * that may act before the merge (SPEC section 6.4), it is safe at every level Parquet applies it,
 * including record-level filtering: the rows it removes are rows the pre-merge filter drops anyway. Rows
 * stay in file order, so the surviving rows are still sorted runs for the merge.
 *
 * <p>Columns are addressed as {@link ParquetSchemas} stores them in data files (see
 * {@code DataFileSchema}): each key column by its name at the top level, the event time as
 * {@code int64 TIMESTAMP(MICROS,true)}. Per key column type:
 * <table>
 *   <caption>Parquet column and value per key type</caption>
 *   <tr><th>type</th><th>stored as</th><th>predicate</th></tr>
 *   <tr><td>string</td><td>binary (STRING)</td><td>binaryColumn, {@link Binary#fromString}</td></tr>
 *   <tr><td>binary</td><td>binary</td><td>binaryColumn, {@link Binary#fromConstantByteArray}</td></tr>
 *   <tr><td>byte, short, integer, date</td><td>int32 (with INTEGER(8|16,true) or DATE)</td><td>intColumn</td></tr>
 *   <tr><td>long, timestamp</td><td>int64 (timestamp: TIMESTAMP(MICROS,true))</td><td>longColumn</td></tr>
 *   <tr><td>boolean</td><td>boolean</td><td>booleanColumn, equality only</td></tr>
 *   <tr><td>decimal</td><td colspan="2">none: not pushed</td></tr>
 *   <tr><td>float, double</td><td colspan="2">none: {@link ScanFilter} never constrains them</td></tr>
 * </table>
 * Parquet orders these columns as the key order does: binaries (annotated STRING or not) as unsigned
 * bytes, which for strings is {@link io.azof.core.types.KeyOrdering}'s UTF-8 order; int32 and int64
 * signed. A column whose name contains a dot is not pushed: Parquet 1.13's {@link FilterApi} reads a
 * dot as a nested path.
 */
public final class ParquetFilters {
    private ParquetFilters() {
    }

    /**
     * The Parquet predicate for the data files of {@code table}, or empty when no part of the filter can be
     * expressed (an empty filter, only decimal constraints, an azof 0.2.1 table, whose files store event
     * times in other units) or when the filter {@link ScanFilter#matchesNothing() matches nothing} (then
     * no file needs opening at all).
     */
    public static Optional<FilterPredicate> forDataFiles(ScanFilter filter, TableDefinition table) {
        if (table.isLegacy() || filter.matchesNothing() || filter.keySchema().size() == 0) {
            return Optional.empty();
        }
        if (!filter.keySchema().equals(table.keySchema()) || !filter.eventTimeColumn().equals(table.eventTimeColumn())) {
            throw new IllegalArgumentException("the filter is on key columns " + filter.keySchema() + " and event time '"
                    + filter.eventTimeColumn() + "', but the table's are " + table.keySchema() + " and '" + table.eventTimeColumn() + "'");
        }
        List<FilterPredicate> conjuncts = new ArrayList<>();
        for (int i = 0; i < filter.keySchema().size(); i++) {
            String name = filter.keySchema().field(i).name();
            if (addressable(name)) {
                keyPredicate(name, filter.keySchema().field(i).type(), filter.keyConstraint(i)).ifPresent(conjuncts::add);
            }
        }
        if (filter.eventTimeLowerBound().isPresent() && addressable(table.eventTimeColumn())) {
            conjuncts.add(FilterApi.gtEq(FilterApi.longColumn(table.eventTimeColumn()), filter.eventTimeLowerBound().getAsLong()));
        }
        return conjuncts.stream().reduce(FilterApi::and);
    }

    private static boolean addressable(String column) {
        return !column.contains(".");
    }

    private static Optional<FilterPredicate> keyPredicate(String name, DataType type, ScanFilter.KeyConstraint constraint) {
        if (constraint.isUnconstrained() || !(type instanceof PrimitiveType primitive)) {
            return Optional.empty(); // decimals are not pushed
        }
        return switch (primitive) {
            case STRING -> Optional.of(comparisons(FilterApi.binaryColumn(name), constraint, v -> Binary.fromString((String) v)));
            case BINARY -> Optional.of(comparisons(FilterApi.binaryColumn(name), constraint,
                    v -> Binary.fromConstantByteArray((byte[]) v)));
            case BYTE, SHORT, INTEGER, DATE -> Optional.of(comparisons(FilterApi.intColumn(name), constraint,
                    v -> ((Number) v).intValue()));
            case LONG, TIMESTAMP -> Optional.of(comparisons(FilterApi.longColumn(name), constraint, v -> (Long) v));
            case BOOLEAN -> booleanEquality(name, constraint);
            case FLOAT, DOUBLE -> Optional.empty();
        };
    }

    /** Equality, or nothing: a boolean column allowed both values is not constrained at all. */
    private static Optional<FilterPredicate> booleanEquality(String name, ScanFilter.KeyConstraint constraint) {
        return constraint.allowedValues()
                .filter(values -> values.size() == 1)
                .map(values -> FilterApi.eq(FilterApi.booleanColumn(name), (Boolean) values.get(0)));
    }

    private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt> FilterPredicate comparisons(
            C column, ScanFilter.KeyConstraint constraint, Function<Object, T> toParquet) {
        Optional<List<Object>> values = constraint.allowedValues();
        if (values.isPresent()) {
            if (values.get().size() == 1) {
                return FilterApi.eq(column, toParquet.apply(values.get().get(0)));
            }
            Set<T> set = new LinkedHashSet<>();
            values.get().forEach(v -> set.add(toParquet.apply(v)));
            return FilterApi.in(column, set);
        }
        FilterPredicate lower = constraint.lowerBound()
                .map(b -> b.inclusive() ? (FilterPredicate) FilterApi.gtEq(column, toParquet.apply(b.value()))
                        : FilterApi.gt(column, toParquet.apply(b.value())))
                .orElse(null);
        FilterPredicate upper = constraint.upperBound()
                .map(b -> b.inclusive() ? (FilterPredicate) FilterApi.ltEq(column, toParquet.apply(b.value()))
                        : FilterApi.lt(column, toParquet.apply(b.value())))
                .orElse(null);
        return lower == null ? upper : upper == null ? lower : FilterApi.and(lower, upper);
    }
}
