package io.azof.benchmarks;

/**
 * What each query returns: {@code count(*), sum(price), sum(qty)} over the rows it selects.
 *
 * <p>{@code sum(qty)} adds integers and must match exactly; {@code sum(price)} adds doubles, whose rounding
 * depends on the order Spark adds them in, so it matches within a relative tolerance far above that rounding
 * (about 1e-16 per addition) and far below the smallest price (0.01).
 */
public record Answer(long rows, double priceSum, long qtySum) {
    private static final double RELATIVE_TOLERANCE = 1e-9;

    public boolean matches(Answer other) {
        return rows == other.rows
                && qtySum == other.qtySum
                && Math.abs(priceSum - other.priceSum) <= RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(priceSum));
    }

    @Override
    public String toString() {
        return String.format("rows=%,d sum(price)=%.2f sum(qty)=%,d", rows, priceSum, qtySum);
    }
}
