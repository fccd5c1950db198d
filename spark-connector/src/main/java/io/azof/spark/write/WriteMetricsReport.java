package io.azof.spark.write;

import io.azof.core.commit.CommitResult;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What a committed write reports as Spark custom metrics, measured on the driver: the rows an append with
 * {@code onOverlap=skip} dropped because their slots were covered already. Spark creates the metric classes by name, so
 * each is a public class with a no-argument constructor.
 */
public final class WriteMetricsReport {
    static final String ROWS_DROPPED = "rowsDropped";

    private WriteMetricsReport() {
    }

    public static CustomMetric[] supported() {
        return new CustomMetric[] {new RowsDropped()};
    }

    /** The values of a write's commit; none for a write that committed nothing or failed. */
    public static CustomTaskMetric[] driverValues(CommitResult result) {
        if (result == null) {
            return new CustomTaskMetric[0];
        }
        long dropped = result.rowsDropped();
        return new CustomTaskMetric[] {new CustomTaskMetric() {
            @Override
            public String name() {
                return ROWS_DROPPED;
            }

            @Override
            public long value() {
                return dropped;
            }
        }};
    }

    public static final class RowsDropped extends CustomSumMetric {
        @Override
        public String name() {
            return ROWS_DROPPED;
        }

        @Override
        public String description() {
            return "rows dropped: their slots were covered already (onOverlap=skip)";
        }
    }
}
