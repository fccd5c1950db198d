package io.azof.core.plan;

import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.Micros;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The part of a read's filter that may act <em>before</em> the as-of merge, to skip files, buckets, row
 * groups and pages: an engine-neutral conjunction of
 * <ul>
 *   <li>per key column, either a finite set of allowed values (from {@code =} and {@code IN}) or a range
 *       (from {@code <}, {@code <=}, {@code >}, {@code >=}), and</li>
 *   <li>a lower bound on the event time, in microseconds, inclusive.</li>
 * </ul>
 * A connector fills it from the engine's pushed predicates, leaving out those it cannot hold, and must
 * still let the engine re-apply every predicate after the merge: the filter may let through more rows
 * than the engine's predicates select, never fewer.
 *
 * <p>Only these, because they cannot change which rows pass the engine's predicates after the merge (SPEC
 * section 6.4 gives the argument). Payload predicates and event-time upper bounds would let stale rows leak
 * out, and {@code OR} across columns, {@code NOT} and null tests on keys are not representable.
 *
 * <p><b>Values</b> use the {@link DataType} representation of the key column's type (string {@link String},
 * integer and date {@link Integer}, long and timestamp {@link Long}, decimal {@link BigDecimal}, binary
 * {@code byte[]}, ...) and are compared in the key order of {@link KeyOrdering} (strings by UTF-8 bytes,
 * not {@link String#compareTo}). A value of another class is refused. Following SQL, a comparison with a
 * null value is never true, so it makes the whole filter match nothing, and a null in an {@code IN} list
 * is skipped. An equality value that cannot be stored in the column (a decimal with more fraction digits
 * than the column's scale, or more digits than its precision) equals no key and is dropped.
 * Floating-point key columns, which {@link TableDefinition#create} refuses, are never constrained: SQL
 * equality on them ({@code -0.0 = 0.0}, {@code NaN = NaN}) is not the key order's equality.
 *
 * <p>Repeated predicates combine to the tightest conjunction: value sets intersect, a range restricts a
 * value set, bounds keep the tighter one, and a range closed on one value ({@code x >= 3 AND x <= 3})
 * becomes the value set {3}. Contradictions ({@code x = 1 AND x = 2}, {@code x > 5 AND x < 3}) make the
 * filter {@link #matchesNothing()}: the whole read is empty. Instances are immutable, serializable (so
 * they travel with an engine's scan tasks) and safe to share between threads.
 */
public final class ScanFilter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long NO_EVENT_TIME_BOUND = Long.MIN_VALUE;
    private static final int MAX_VALUES_SHOWN = 20;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final ScanFilter NONE = new ScanFilter(new StructType(List.of()), null, new KeyConstraint[0],
            NO_EVENT_TIME_BOUND, false);

    private final StructType keySchema;
    private final String eventTimeColumn;
    private final KeyConstraint[] constraints;
    private final long eventTimeLowerBound;
    private final boolean matchesNothing;
    private transient List<Comparator<Object>> keyOrders;

    private ScanFilter(StructType keySchema, String eventTimeColumn, KeyConstraint[] constraints, long eventTimeLowerBound,
                       boolean matchesNothing) {
        this.keySchema = keySchema;
        this.eventTimeColumn = eventTimeColumn;
        this.constraints = constraints;
        this.eventTimeLowerBound = eventTimeLowerBound;
        this.matchesNothing = matchesNothing;
    }

    /** The filter that constrains nothing, for reads without usable predicates; it belongs to no table. */
    public static ScanFilter none() {
        return NONE;
    }

    /** Starts a filter on the key columns and event time of {@code table}. */
    public static Builder builder(TableDefinition table) {
        return new Builder(table);
    }

    /** True when nothing is constrained: the filter lets every file, bucket and row through. */
    public boolean isEmpty() {
        return !matchesNothing && eventTimeLowerBound == NO_EVENT_TIME_BOUND
                && Arrays.stream(constraints).allMatch(KeyConstraint::isUnconstrained);
    }

    /** True when the predicates contradict each other, so the read returns no rows whatever the table holds. */
    public boolean matchesNothing() {
        return matchesNothing;
    }

    /** The key columns (names and types, in key order) the filter was built for; none for {@link #none()}. */
    public StructType keySchema() {
        return keySchema;
    }

    /** The event-time column of the table the filter was built for; null for {@link #none()}. */
    public String eventTimeColumn() {
        return eventTimeColumn;
    }

    /** The constraint on the key column at {@code keyIndex} (its position in {@link #keySchema()}). */
    public KeyConstraint keyConstraint(int keyIndex) {
        return constraints[keyIndex];
    }

    /** The inclusive lower bound on the event time, in microseconds since the epoch, if there is one. */
    public OptionalLong eventTimeLowerBound() {
        return eventTimeLowerBound == NO_EVENT_TIME_BOUND ? OptionalLong.empty() : OptionalLong.of(eventTimeLowerBound);
    }

    /**
     * The order of the values of the key column at {@code keyIndex}: {@link KeyOrdering}'s order for that
     * column, which is also the order of Parquet statistics and of the file statistics' min and max keys.
     */
    public Comparator<Object> keyOrder(int keyIndex) {
        if (keyOrders == null) {
            keyOrders = keySchema.fields().stream().map(ScanFilter::columnOrder).toList();
        }
        return keyOrders.get(keyIndex);
    }

    private static Comparator<Object> columnOrder(StructField keyField) {
        // A one-column KeyOrdering: the same per-type comparison as the full key order, and its messages.
        KeyOrdering ordering = KeyOrdering.of(StructType.of(keyField));
        return (left, right) -> ordering.compare(new Object[] {left}, new Object[] {right});
    }

    /** The conjunction as SQL-like text, for an engine's plan description; {@code none} when empty. */
    @Override
    public String toString() {
        if (matchesNothing) {
            return "false";
        }
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < constraints.length; i++) {
            StructField field = keySchema.field(i);
            constraints[i].describe(quote(field.name()), field.type(), terms);
        }
        if (eventTimeLowerBound != NO_EVENT_TIME_BOUND) {
            terms.add(quote(eventTimeColumn) + " >= " + describeValue(PrimitiveType.TIMESTAMP, eventTimeLowerBound));
        }
        return terms.isEmpty() ? "none" : String.join(" AND ", terms);
    }

    private static String quote(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
    }

    static String describeValue(DataType type, Object value) {
        if (value instanceof String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().withUpperCase().formatHex(bytes) + "'";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (type == PrimitiveType.DATE) {
            return "DATE '" + LocalDate.ofEpochDay((Integer) value) + "'";
        }
        if (type == PrimitiveType.TIMESTAMP) {
            return "TIMESTAMP '" + Micros.toInstant((Long) value) + "'";
        }
        return String.valueOf(value);
    }

    /** Any object as text, arrays by their content. */
    private static String show(Object value) {
        String text = Arrays.deepToString(new Object[] {value});
        return text.substring(1, text.length() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanFilter other
                && matchesNothing == other.matchesNothing
                && eventTimeLowerBound == other.eventTimeLowerBound
                && keySchema.equals(other.keySchema)
                && Objects.equals(eventTimeColumn, other.eventTimeColumn)
                && Arrays.equals(constraints, other.constraints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matchesNothing, eventTimeLowerBound, keySchema, eventTimeColumn, Arrays.hashCode(constraints));
    }

    /** One end of a key range. */
    public record Bound(Object value, boolean inclusive) implements Serializable {
        public Bound {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bound other && inclusive == other.inclusive && Objects.deepEquals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(inclusive, Arrays.deepHashCode(new Object[] {value}));
        }

        @Override
        public String toString() {
            return show(value) + (inclusive ? " (inclusive)" : " (exclusive)");
        }
    }

    /**
     * What a filter allows for one key column, in one of three normalised shapes: unconstrained; a finite
     * set of values ({@link #allowedValues()}, sorted in key order and distinct; empty only inside a filter
     * that {@link #matchesNothing()}); or a range with at least one bound and no value set.
     */
    public static final class KeyConstraint implements Serializable {
        private static final long serialVersionUID = 1L;
        static final KeyConstraint ANY = new KeyConstraint(null, null, null);

        private final List<Object> allowedValues;
        private final Bound lower;
        private final Bound upper;

        private KeyConstraint(List<Object> allowedValues, Bound lower, Bound upper) {
            this.allowedValues = allowedValues == null ? null : List.copyOf(allowedValues);
            this.lower = lower;
            this.upper = upper;
        }

        public boolean isUnconstrained() {
            return allowedValues == null && lower == null && upper == null;
        }

        /** The values the column may take, sorted in key order, when the column is limited to a finite set. */
        public Optional<List<Object>> allowedValues() {
            return Optional.ofNullable(allowedValues);
        }

        /** The range's lower end; empty for a value set or a range open below. */
        public Optional<Bound> lowerBound() {
            return Optional.ofNullable(lower);
        }

        /** The range's upper end; empty for a value set or a range open above. */
        public Optional<Bound> upperBound() {
            return Optional.ofNullable(upper);
        }

        /** True when {@code value} satisfies this constraint, comparing in {@code order}. */
        boolean allows(Object value, Comparator<Object> order) {
            if (allowedValues != null) {
                return indexOf(value, order) >= 0;
            }
            return aboveLower(value, lower, order) && belowUpper(value, upper, order);
        }

        private int indexOf(Object value, Comparator<Object> order) {
            return Collections.binarySearch(allowedValues, value, order);
        }

        /**
         * True when some value the constraint allows may lie strictly between {@code above} and {@code below}
         * (each null for "unbounded"). Ranges are treated as dense, so for a range this may answer true where
         * no value of the type fits (integers strictly between 3 and 4): an over-approximation, which is what
         * pruning needs, since it only ever skips what certainly does not match.
         */
        boolean mayAllowStrictlyBetween(Object above, Object below, Comparator<Object> order) {
            if (allowedValues != null) {
                int first = firstIndexAbove(above, order);
                return first < allowedValues.size() && (below == null || order.compare(allowedValues.get(first), below) < 0);
            }
            Bound low = tighterLower(lower, above == null ? null : new Bound(above, false), order);
            Bound high = tighterUpper(upper, below == null ? null : new Bound(below, false), order);
            return !isEmptyRange(low, high, order);
        }

        private int firstIndexAbove(Object above, Comparator<Object> order) {
            if (above == null) {
                return 0;
            }
            int low = 0;
            int high = allowedValues.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (order.compare(allowedValues.get(middle), above) <= 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** This constraint and "one of {@code values}" (sorted and distinct). */
        KeyConstraint restrictTo(List<Object> values, Comparator<Object> order) {
            List<Object> kept = new ArrayList<>();
            for (Object value : values) {
                if (allows(value, order)) {
                    kept.add(value);
                }
            }
            return new KeyConstraint(kept, null, null);
        }

        /** This constraint and "above {@code bound}" (or "below {@code bound}" when {@code isLower} is false). */
        KeyConstraint restrictTo(Bound bound, boolean isLower, Comparator<Object> order) {
            if (allowedValues != null) {
                List<Object> kept = allowedValues.stream()
                        .filter(v -> isLower ? aboveLower(v, bound, order) : belowUpper(v, bound, order))
                        .toList();
                return new KeyConstraint(kept, null, null);
            }
            Bound newLower = isLower ? tighterLower(lower, bound, order) : lower;
            Bound newUpper = isLower ? upper : tighterUpper(upper, bound, order);
            if (newLower != null && newUpper != null && newLower.inclusive() && newUpper.inclusive()
                    && order.compare(newLower.value(), newUpper.value()) == 0) {
                return new KeyConstraint(List.of(newLower.value()), null, null);
            }
            return new KeyConstraint(null, newLower, newUpper);
        }

        /** True when no value can satisfy the constraint. */
        boolean allowsNoValue(Comparator<Object> order) {
            return allowedValues != null ? allowedValues.isEmpty() : isEmptyRange(lower, upper, order);
        }

        private static boolean aboveLower(Object value, Bound lower, Comparator<Object> order) {
            if (lower == null) {
                return true;
            }
            int c = order.compare(value, lower.value());
            return c > 0 || (c == 0 && lower.inclusive());
        }

        private static boolean belowUpper(Object value, Bound upper, Comparator<Object> order) {
            if (upper == null) {
                return true;
            }
            int c = order.compare(value, upper.value());
            return c < 0 || (c == 0 && upper.inclusive());
        }

        private static Bound tighterLower(Bound a, Bound b, Comparator<Object> order) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            int c = order.compare(a.value(), b.value());
            if (c != 0) {
                return c > 0 ? a : b;
            }
            return a.inclusive() ? b : a;
        }

        private static Bound tighterUpper(Bound a, Bound b, Comparator<Object> order) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            int c = order.compare(a.value(), b.value());
            if (c != 0) {
                return c < 0 ? a : b;
            }
            return a.inclusive() ? b : a;
        }

        private static boolean isEmptyRange(Bound lower, Bound upper, Comparator<Object> order) {
            if (lower == null || upper == null) {
                return false;
            }
            int c = order.compare(lower.value(), upper.value());
            return c > 0 || (c == 0 && !(lower.inclusive() && upper.inclusive()));
        }

        private void describe(String column, DataType type, List<String> terms) {
            if (allowedValues != null) {
                if (allowedValues.size() == 1) {
                    terms.add(column + " = " + describeValue(type, allowedValues.get(0)));
                    return;
                }
                StringBuilder text = new StringBuilder(column).append(" IN (");
                int shown = Math.min(allowedValues.size(), MAX_VALUES_SHOWN);
                for (int i = 0; i < shown; i++) {
                    text.append(i == 0 ? "" : ", ").append(describeValue(type, allowedValues.get(i)));
                }
                if (shown < allowedValues.size()) {
                    text.append(", ... ").append(allowedValues.size() - shown).append(" more");
                }
                terms.add(text.append(')').toString());
                return;
            }
            if (lower != null) {
                terms.add(column + (lower.inclusive() ? " >= " : " > ") + describeValue(type, lower.value()));
            }
            if (upper != null) {
                terms.add(column + (upper.inclusive() ? " <= " : " < ") + describeValue(type, upper.value()));
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyConstraint other
                    && Objects.equals(lower, other.lower) && Objects.equals(upper, other.upper)
                    && (allowedValues == null ? other.allowedValues == null
                            : other.allowedValues != null && Arrays.deepEquals(allowedValues.toArray(), other.allowedValues.toArray()));
        }

        @Override
        public int hashCode() {
            return Objects.hash(lower, upper, allowedValues == null ? 0 : Arrays.deepHashCode(allowedValues.toArray()));
        }

        @Override
        public String toString() {
            if (isUnconstrained()) {
                return "any";
            }
            List<String> terms = new ArrayList<>();
            describe("value", null, terms);
            return String.join(" AND ", terms);
        }
    }

    /**
     * Collects the predicates of one read. Every method adds a conjunct; the order of calls does not matter.
     * Column names are the table's, compared case-sensitively (an engine resolves case before pushing).
     */
    public static final class Builder {
        private final TableDefinition table;
        private final StructType keySchema;
        private final KeyConstraint[] constraints;
        private final List<Comparator<Object>> orders;
        private long eventTimeLowerBound = NO_EVENT_TIME_BOUND;
        private boolean matchesNothing;

        private Builder(TableDefinition table) {
            this.table = Objects.requireNonNull(table, "table");
            this.keySchema = table.keySchema();
            this.constraints = new KeyConstraint[keySchema.size()];
            Arrays.fill(constraints, KeyConstraint.ANY);
            this.orders = keySchema.fields().stream().map(ScanFilter::columnOrder).toList();
        }

        /** {@code column = value}. */
        public Builder keyEquals(String column, Object value) {
            int index = keyIndex(column);
            if (value == null) {
                matchesNothing = true;
                return this;
            }
            return restrictToValues(index, List.of(value));
        }

        /** {@code column IN (values)}; nulls in {@code values} are skipped, and an empty list matches nothing. */
        public Builder keyIn(String column, Collection<?> values) {
            int index = keyIndex(column);
            List<Object> present = new ArrayList<>();
            for (Object value : values) {
                if (value != null) {
                    present.add(value);
                }
            }
            return restrictToValues(index, present);
        }

        /** {@code column > value}, or {@code column >= value} when {@code inclusive}. */
        public Builder keyGreaterThan(String column, Object value, boolean inclusive) {
            return restrictToRange(keyIndex(column), value, inclusive, true);
        }

        /** {@code column < value}, or {@code column <= value} when {@code inclusive}. */
        public Builder keyLessThan(String column, Object value, boolean inclusive) {
            return restrictToRange(keyIndex(column), value, inclusive, false);
        }

        /** {@code event_time >= micros} (microseconds since the epoch); {@code event_time = micros} gives this too. */
        public Builder eventTimeAtLeast(long micros) {
            eventTimeLowerBound = Math.max(eventTimeLowerBound, micros);
            return this;
        }

        /** {@code event_time > micros}: the same as {@code event_time >= micros + 1}, since times are whole microseconds. */
        public Builder eventTimeAfter(long micros) {
            if (micros == Long.MAX_VALUE) {
                matchesNothing = true;
                return this;
            }
            return eventTimeAtLeast(micros + 1);
        }

        public ScanFilter build() {
            boolean nothing = matchesNothing;
            for (int i = 0; i < constraints.length && !nothing; i++) {
                nothing = constraints[i].allowsNoValue(orders.get(i));
            }
            return new ScanFilter(keySchema, table.eventTimeColumn(), constraints.clone(), eventTimeLowerBound, nothing);
        }

        private Builder restrictToValues(int index, List<Object> values) {
            DataType type = keySchema.field(index).type();
            List<Object> normalised = new ArrayList<>();
            for (Object value : values) {
                Object checked = checkedValue(index, value);
                Object storable = type instanceof DecimalType decimal ? storableDecimal((BigDecimal) checked, decimal) : checked;
                if (storable != null) {
                    normalised.add(storable);
                }
            }
            if (isFloatingPoint(type)) {
                return this;
            }
            Comparator<Object> order = orders.get(index);
            normalised.sort(order);
            List<Object> distinct = new ArrayList<>();
            for (Object value : normalised) {
                if (distinct.isEmpty() || order.compare(distinct.get(distinct.size() - 1), value) != 0) {
                    distinct.add(value);
                }
            }
            constraints[index] = constraints[index].restrictTo(distinct, order);
            return this;
        }

        private Builder restrictToRange(int index, Object value, boolean inclusive, boolean isLower) {
            if (value == null) {
                matchesNothing = true;
                return this;
            }
            Object checked = checkedValue(index, value);
            DataType type = keySchema.field(index).type();
            if (isFloatingPoint(type)) {
                return this;
            }
            Comparator<Object> order = orders.get(index);
            if (type == PrimitiveType.BOOLEAN) {
                // Booleans have two values: a range on them is a value set, which bucket pruning can use.
                constraints[index] = constraints[index].restrictTo(List.of(false, true), order);
            }
            KeyConstraint restricted = constraints[index].restrictTo(new Bound(checked, inclusive), isLower, order);
            if (type instanceof DecimalType decimal && restricted.allowedValues != null) {
                // A range closed on one value became an equality: keep only a value the column can hold, at its scale.
                List<Object> storable = new ArrayList<>();
                for (Object v : restricted.allowedValues) {
                    BigDecimal atScale = storableDecimal((BigDecimal) v, decimal);
                    if (atScale != null) {
                        storable.add(atScale);
                    }
                }
                restricted = new KeyConstraint(storable, null, null);
            }
            constraints[index] = restricted;
            return this;
        }

        private int keyIndex(String column) {
            int index = table.keyColumns().indexOf(column);
            if (index < 0) {
                String hint = column != null && column.equals(table.eventTimeColumn())
                        ? "; it is the event-time column: use eventTimeAtLeast/eventTimeAfter"
                        : "; only predicates on key columns and lower bounds on the event time can act before the merge";
                throw new IllegalArgumentException("Column '" + column + "' is not a key column of this table (key columns: "
                        + table.keyColumns() + ")" + hint);
            }
            return index;
        }

        /** The value itself (a copy for binaries), after checking it has the class the column's type uses. */
        private Object checkedValue(int index, Object value) {
            StructField field = keySchema.field(index);
            Class<?> expected = valueClass(field.type());
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException("Key column '" + field.name() + "' has type " + field.type() + ", whose values are "
                        + expected.getSimpleName() + ", but the filter compares it with " + show(value)
                        + " (" + value.getClass().getName() + ")");
            }
            return value instanceof byte[] bytes ? bytes.clone() : value;
        }

        /** The decimal at the column's scale, or null when no value of the column can equal it. */
        private static BigDecimal storableDecimal(BigDecimal value, DecimalType type) {
            BigDecimal atScale;
            try {
                atScale = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                return null;
            }
            return atScale.precision() - atScale.scale() > type.precision() - type.scale() ? null : atScale;
        }

        private static boolean isFloatingPoint(DataType type) {
            return type == PrimitiveType.FLOAT || type == PrimitiveType.DOUBLE;
        }

        private static Class<?> valueClass(DataType type) {
            if (type instanceof DecimalType) {
                return BigDecimal.class;
            }
            return switch ((PrimitiveType) type) {
                case STRING -> String.class;
                case BINARY -> byte[].class;
                case BOOLEAN -> Boolean.class;
                case BYTE -> Byte.class;
                case SHORT -> Short.class;
                case INTEGER, DATE -> Integer.class;
                case LONG, TIMESTAMP -> Long.class;
                case FLOAT -> Float.class;
                case DOUBLE -> Double.class;
            };
        }
    }
}
