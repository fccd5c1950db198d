package io.azof.examples;

import io.azof.spark.AzofSparkSessionExtensions;
import org.apache.spark.sql.SparkSession;

/** The embedded Spark the examples run on: two local cores, no UI, times printed in UTC, azof's SQL function azof_as_of. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(String appName) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                // UTC makes the printed instants match test-data/README.md whatever the machine's zone.
                .config("spark.sql.session.timeZone", "UTC")
                // Timestamps as java.time.Instant, which print as ISO-8601 in UTC.
                .config("spark.sql.datetime.java8API.enabled", "true")
                // Read only when a session is built, so it is set for every tour: SqlTour needs it, it changes nothing for the others.
                .config("spark.sql.extensions", AzofSparkSessionExtensions.class.getName())
                .getOrCreate();
    }
}
