package io.azof.spark;

import org.apache.spark.sql.SparkSession;

/** The one SparkSession of a test JVM: starting Spark costs seconds, so every test class shares it. */
public final class SharedSpark {
    public static final String DEFAULT_TIME_ZONE = "UTC";

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("azof-spark-connector-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", DEFAULT_TIME_ZONE)
                    // Instants compare without any time zone in the way; java.sql.Timestamp would not.
                    .config("spark.sql.datetime.java8API.enabled", "true")
                    // Static: only a session built with it has azof_as_of. It changes nothing else, so every test gets it.
                    .config("spark.sql.extensions", AzofSparkSessionExtensions.class.getName())
                    .config("spark.hadoop.fs." + CountingFileSystem.SCHEME + ".impl", CountingFileSystem.class.getName())
                    .config("spark.hadoop.fs." + CountingFileSystem.SCHEME + ".impl.disable.cache", "true")
                    .getOrCreate();
        }
        return session;
    }
}
