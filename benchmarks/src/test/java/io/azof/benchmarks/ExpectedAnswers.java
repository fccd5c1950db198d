package io.azof.benchmarks;

import java.time.Instant;

/**
 * The answers the queries must return, computed in plain Java from the generator's value functions alone,
 * without Spark or any table: the definition of an as-of read applied row by row.
 */
final class ExpectedAnswers {
    private ExpectedAnswers() {
    }

    /** Each key's row with the greatest event time at or before T, if any. */
    static Answer asOf(HistoryGenerator generator, Instant asOf) {
        long rows = 0;
        double priceSum = 0;
        long qtySum = 0;
        for (long key = 0; key < generator.parameters().keys(); key++) {
            int latest = -1;
            for (int month = 1; month <= generator.parameters().versions(); month++) {
                Instant eventTime = generator.eventTime(key, month);
                if (generator.present(key, month) && !eventTime.isAfter(asOf)
                        && (latest < 0 || eventTime.isAfter(generator.eventTime(key, latest)))) {
                    latest = month;
                }
            }
            if (latest > 0) {
                rows++;
                priceSum += generator.price(key, latest);
                qtySum += generator.qty(key, latest);
            }
        }
        return new Answer(rows, priceSum, qtySum);
    }

    /** Every row with an event time at or before T. */
    static Answer scan(HistoryGenerator generator, Instant asOf) {
        long rows = 0;
        double priceSum = 0;
        long qtySum = 0;
        for (long key = 0; key < generator.parameters().keys(); key++) {
            for (int month = 1; month <= generator.parameters().versions(); month++) {
                if (generator.present(key, month) && !generator.eventTime(key, month).isAfter(asOf)) {
                    rows++;
                    priceSum += generator.price(key, month);
                    qtySum += generator.qty(key, month);
                }
            }
        }
        return new Answer(rows, priceSum, qtySum);
    }
}
