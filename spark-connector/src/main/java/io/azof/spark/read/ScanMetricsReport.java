package io.azof.spark.read;

import io.azof.core.scan.ScanMetrics;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The core's {@link ScanMetrics} as Spark custom metrics, shown on the scan node in the Spark UI's SQL tab
 * and summed over tasks. Spark creates the metric classes by name on the driver, so each is a public
 * class with a no-argument constructor.
 */
public final class ScanMetricsReport {
    private ScanMetricsReport() {
    }

    private enum Metric {
        BASE_FILES_OPENED("baseFilesOpened", "base files opened", ScanMetrics::baseFilesOpened),
        DELTA_FILES_OPENED("deltaFilesOpened", "delta files opened", ScanMetrics::deltaFilesOpened),
        ROWS_READ("rowsRead", "rows read from data files", ScanMetrics::rowsRead),
        ROWS_RETURNED("rowsReturned", "rows returned by the merge", ScanMetrics::rowsReturned),
        ROWS_SHADOWED("rowsShadowed", "rows shadowed by newer versions or deletes", ScanMetrics::rowsShadowed),
        MERGE_TIME("mergeTimeMs", "merge time (ms)", m -> TimeUnit.NANOSECONDS.toMillis(m.mergeNanos())),
        DECODE_TIME("decodeTimeMs", "Parquet decode time (ms)", m -> TimeUnit.NANOSECONDS.toMillis(m.decodeNanos())),
        RUNS_PRE_MERGED("runsPreMerged", "runs pre-merged into local spills (more than maxOpenFiles)", ScanMetrics::runsPreMerged);

        final String name;
        final String description;
        final ToLongFunction<ScanMetrics> value;

        Metric(String name, String description, ToLongFunction<ScanMetrics> value) {
            this.name = name;
            this.description = description;
            this.value = value;
        }
    }

    static CustomMetric[] supported() {
        return new CustomMetric[] {new BaseFilesOpened(), new DeltaFilesOpened(), new RowsRead(), new RowsReturned(),
                new RowsShadowed(), new MergeTime(), new DecodeTime(), new RunsPreMerged()};
    }

    static CustomTaskMetric[] taskValues(ScanMetrics metrics) {
        Metric[] all = Metric.values();
        CustomTaskMetric[] values = new CustomTaskMetric[all.length];
        for (int i = 0; i < all.length; i++) {
            Metric metric = all[i];
            long value = metric.value.applyAsLong(metrics);
            values[i] = new CustomTaskMetric() {
                @Override
                public String name() {
                    return metric.name;
                }

                @Override
                public long value() {
                    return value;
                }
            };
        }
        return values;
    }

    private abstract static class Sum extends CustomSumMetric {
        private final Metric metric;

        Sum(Metric metric) {
            this.metric = metric;
        }

        @Override
        public String name() {
            return metric.name;
        }

        @Override
        public String description() {
            return metric.description;
        }
    }

    public static final class BaseFilesOpened extends Sum {
        public BaseFilesOpened() {
            super(Metric.BASE_FILES_OPENED);
        }
    }

    public static final class DeltaFilesOpened extends Sum {
        public DeltaFilesOpened() {
            super(Metric.DELTA_FILES_OPENED);
        }
    }

    public static final class RowsRead extends Sum {
        public RowsRead() {
            super(Metric.ROWS_READ);
        }
    }

    public static final class RowsReturned extends Sum {
        public RowsReturned() {
            super(Metric.ROWS_RETURNED);
        }
    }

    public static final class RowsShadowed extends Sum {
        public RowsShadowed() {
            super(Metric.ROWS_SHADOWED);
        }
    }

    public static final class MergeTime extends Sum {
        public MergeTime() {
            super(Metric.MERGE_TIME);
        }
    }

    public static final class DecodeTime extends Sum {
        public DecodeTime() {
            super(Metric.DECODE_TIME);
        }
    }

    public static final class RunsPreMerged extends Sum {
        public RunsPreMerged() {
            super(Metric.RUNS_PRE_MERGED);
        }
    }
}
