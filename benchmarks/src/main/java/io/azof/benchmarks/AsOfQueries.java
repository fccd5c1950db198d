package io.azof.benchmarks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/** The query each {@link Method} runs for an as-of time T, written as a Spark user would write it. */
public final class AsOfQueries {
    private final SparkSession spark;
    private final BenchmarkTables tables;
    /** The azof table's version before its compaction, looked up once so the timed reads do no metadata I/O of their own. */
    private final long writtenVersion;
    private final String icebergTable;

    /** @param tables the prepared tables: the azof one is written and compacted */
    public AsOfQueries(SparkSession spark, BenchmarkTables tables) {
        this.spark = spark;
        this.tables = tables;
        this.writtenVersion = tables.writtenVersion();
        this.icebergTable = tables.icebergTable(spark);
    }

    /** Runs the method's query to completion and returns its one row of aggregates. */
    public Answer run(Method method, Instant asOf) {
        Row row = query(method, asOf).collectAsList().get(0);
        // Sums over no rows are null; an empty answer is 0 rows summing to 0.
        return new Answer(row.getLong(0), row.isNullAt(1) ? 0.0 : row.getDouble(1), row.isNullAt(2) ? 0L : row.getLong(2));
    }

    Dataset<Row> query(Method method, Instant asOf) {
        return switch (method) {
            case AZOF -> aggregate(spark.read().format("azof").option("asOf", asOf.toString())
                    .option("versionAsOf", Long.toString(writtenVersion)).load(tables.path(TableFormat.AZOF)));
            case AZOF_COMPACTED -> aggregate(spark.read().format("azof").option("asOf", asOf.toString()).load(tables.path(TableFormat.AZOF)));
            case WINDOW -> aggregate(latestPerKey(upTo(parquet(), asOf)));
            case DELTA -> aggregate(latestPerKey(upTo(spark.read().format("delta").load(tables.path(TableFormat.DELTA)), asOf)));
            case ICEBERG -> aggregate(latestPerKey(upTo(spark.table(icebergTable), asOf)));
            case SCAN -> aggregate(upTo(parquet(), asOf));
        };
    }

    private Dataset<Row> parquet() {
        return spark.read().parquet(tables.path(TableFormat.PARQUET));
    }

    private static Dataset<Row> upTo(Dataset<Row> history, Instant asOf) {
        return history.filter(col("event_time").leq(lit(asOf)));
    }

    /** Each key's row with the greatest event time, the usual way: row_number() over the key, newest first. */
    private static Dataset<Row> latestPerKey(Dataset<Row> history) {
        Column newestFirst = row_number().over(Window.partitionBy("key").orderBy(col("event_time").desc()));
        return history.withColumn("rn", newestFirst).filter(col("rn").equalTo(1));
    }

    private static Dataset<Row> aggregate(Dataset<Row> rows) {
        return rows.agg(count(lit(1)), sum("price"), sum("qty"));
    }
}
