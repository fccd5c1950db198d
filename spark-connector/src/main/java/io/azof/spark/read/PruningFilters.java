package io.azof.spark.read;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.ScanFilter;
import io.azof.core.time.Micros;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;

/**
 * Turns the predicates Spark offers a scan into the core's {@link ScanFilter}: the ones that may act before
 * the merge (SPEC section 6.4) and only those, that is, comparisons of key columns with literals and lower
 * bounds on event time. Everything else is left out, and Spark applies every predicate again after the
 * merge in any case, so a predicate this class cannot use costs speed, never correctness.
 */
final class PruningFilters {
    private PruningFilters() {
    }

    /** The predicates of {@code filters} the core can prune by, with the filter built from them. */
    record Translation(ScanFilter filter, List<Filter> used) {
    }

    static Translation translate(TableDefinition table, Filter[] filters) {
        ScanFilter.Builder builder = ScanFilter.builder(table);
        List<Filter> used = new ArrayList<>();
        for (Filter filter : filters) {
            if (add(builder, table, filter)) {
                used.add(filter);
            }
        }
        return new Translation(builder.build(), used);
    }

    private static boolean add(ScanFilter.Builder builder, TableDefinition table, Filter filter) {
        if (filter instanceof And and) {
            boolean left = add(builder, table, and.left());
            boolean right = add(builder, table, and.right());
            return left || right;
        }
        String column = attribute(filter).orElse(null);
        if (column == null) {
            return false;
        }
        try {
            if (column.equals(table.eventTimeColumn())) {
                return addEventTimeBound(builder, filter);
            }
            if (table.keyColumns().contains(column)) {
                return addKeyPredicate(builder, column, filter);
            }
        } catch (IllegalArgumentException valueOfAnotherType) {
            // A literal the key column cannot hold as is (Spark casts before comparing): no pruning by it.
        }
        return false;
    }

    private static boolean addKeyPredicate(ScanFilter.Builder builder, String column, Filter filter) {
        if (filter instanceof EqualTo f) {
            builder.keyEquals(column, value(f.value()));
        } else if (filter instanceof EqualNullSafe f && f.value() != null) {
            builder.keyEquals(column, value(f.value()));
        } else if (filter instanceof In f) {
            builder.keyIn(column, Arrays.stream(f.values()).map(PruningFilters::value).toList());
        } else if (filter instanceof GreaterThan f) {
            builder.keyGreaterThan(column, value(f.value()), false);
        } else if (filter instanceof GreaterThanOrEqual f) {
            builder.keyGreaterThan(column, value(f.value()), true);
        } else if (filter instanceof LessThan f) {
            builder.keyLessThan(column, value(f.value()), false);
        } else if (filter instanceof LessThanOrEqual f) {
            builder.keyLessThan(column, value(f.value()), true);
        } else {
            return false;
        }
        return true;
    }

    /** Only lower bounds: records older than the bound cannot change a key whose winner passes it. */
    private static boolean addEventTimeBound(ScanFilter.Builder builder, Filter filter) {
        if (filter instanceof GreaterThan f && f.value() != null) {
            builder.eventTimeAfter(micros(f.value()));
        } else if ((filter instanceof GreaterThanOrEqual f) && f.value() != null) {
            builder.eventTimeAtLeast(micros(f.value()));
        } else if (filter instanceof EqualTo f && f.value() != null) {
            builder.eventTimeAtLeast(micros(f.value()));
        } else if (filter instanceof In f && Arrays.stream(f.values()).allMatch(v -> v != null) && f.values().length > 0) {
            builder.eventTimeAtLeast(Arrays.stream(f.values()).mapToLong(PruningFilters::micros).min().getAsLong());
        } else {
            return false;
        }
        return true;
    }

    private static Optional<String> attribute(Filter filter) {
        String[] references = filter.references();
        return references.length == 1 ? Optional.of(references[0]) : Optional.empty();
    }

    /** A Spark filter literal (an external Java value) in the core's value representation. */
    private static Object value(Object literal) {
        if (literal instanceof LocalDate date) {
            return (int) date.toEpochDay();
        }
        if (literal instanceof Date date) {
            return (int) date.toLocalDate().toEpochDay();
        }
        if (literal instanceof Instant || literal instanceof Timestamp) {
            return micros(literal);
        }
        if (literal instanceof scala.math.BigDecimal decimal) {
            return decimal.bigDecimal();
        }
        // Strings, numbers, booleans, byte[] and java.math.BigDecimal are already what the core holds.
        return literal;
    }

    private static long micros(Object literal) {
        if (literal instanceof Instant instant) {
            return Micros.of(instant);
        }
        if (literal instanceof Timestamp timestamp) {
            return Micros.of(timestamp.toInstant());
        }
        throw new IllegalArgumentException("not a timestamp: " + literal);
    }
}
