package io.azof.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The answers the queries must return, computed in plain Java from the generators' value functions alone,
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

    /** One row of the small-appends history: where it was written, and its event time. */
    private record Written(int append, long row, Instant eventTime) {
    }

    /**
     * Each key's row with the greatest event time at or before T, over every row of every append, whichever append
     * wrote it. Fails if a key has two rows at the same event time, where "its latest row" would not be one row.
     */
    static Answer asOf(SmallAppendsGenerator generator, Instant asOf) {
        Map<Long, Written> latest = new HashMap<>();
        for (int append = 1; append <= generator.parameters().appends(); append++) {
            for (long row = 0; row < generator.parameters().rowsPerAppend(); row++) {
                Instant eventTime = generator.eventTime(append, row);
                if (eventTime.isAfter(asOf)) {
                    continue;
                }
                Written candidate = new Written(append, row, eventTime);
                latest.merge(generator.keyIndex(append, row), candidate, (kept, other) -> {
                    assertThat(other.eventTime()).as("two rows of one key at one event time").isNotEqualTo(kept.eventTime());
                    return other.eventTime().isAfter(kept.eventTime()) ? other : kept;
                });
            }
        }
        double priceSum = 0;
        long qtySum = 0;
        for (Written written : latest.values()) {
            priceSum += generator.price(written.append(), written.row());
            qtySum += generator.qty(written.append(), written.row());
        }
        return new Answer(latest.size(), priceSum, qtySum);
    }

    /** Every row of every append with an event time at or before T. */
    static Answer scan(SmallAppendsGenerator generator, Instant asOf) {
        long rows = 0;
        double priceSum = 0;
        long qtySum = 0;
        for (int append = 1; append <= generator.parameters().appends(); append++) {
            for (long row = 0; row < generator.parameters().rowsPerAppend(); row++) {
                if (!generator.eventTime(append, row).isAfter(asOf)) {
                    rows++;
                    priceSum += generator.price(append, row);
                    qtySum += generator.qty(append, row);
                }
            }
        }
        return new Answer(rows, priceSum, qtySum);
    }

    /** Rows and sum(qty) exactly, sum(price) within rounding (the additions' order differs). */
    static void assertSameAnswer(Answer actual, Answer expected, String what) {
        assertThat(actual.rows()).as("rows of %s", what).isEqualTo(expected.rows());
        assertThat(actual.qtySum()).as("sum(qty) of %s", what).isEqualTo(expected.qtySum());
        assertThat(actual.priceSum()).as("sum(price) of %s", what).isCloseTo(expected.priceSum(), withinPercentage(1e-7));
    }
}
