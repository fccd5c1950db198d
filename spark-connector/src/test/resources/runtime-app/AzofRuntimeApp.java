import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The application RuntimeJarIT submits. It is compiled by the test against Spark's jars only (never against
 * azof's classes) and is not on the launched JVM's class path: azof must come from {@code --jars}.
 *
 * <p>Arguments: {@code <tableDir> <inputCsv> <asOf>...}. Writes the CSV (key,event_time,price) as an azof
 * table, then for each as-of time prints {@code AZOF-APP read <asOf> <key> <price>} per row, sorted by key,
 * once through {@code option("asOf")} and once through SQL's {@code azof_as_of} ("sql" instead of "read").
 */
public final class AzofRuntimeApp {
    public static void main(String[] args) {
        String table = args[0];
        String input = args[1];
        SparkSession spark = SparkSession.builder().getOrCreate();
        try {
            Dataset<Row> rows = spark.read().schema("key STRING, event_time TIMESTAMP, price DOUBLE").csv(input);
            rows.write().format("azof").mode("append").save(table);
            System.out.println("AZOF-APP wrote " + rows.count());
            for (int i = 2; i < args.length; i++) {
                String asOf = args[i];
                print("read", asOf, spark.read().format("azof").option("asOf", asOf).load(table));
                print("sql", asOf, spark.sql("SELECT * FROM azof_as_of('" + table + "', '" + asOf + "')"));
            }
        } finally {
            spark.stop();
        }
    }

    private static void print(String how, String asOf, Dataset<Row> frame) {
        List<Row> result = frame.select("key", "price").orderBy("key").collectAsList();
        System.out.println("AZOF-APP " + how + " " + asOf + " rows " + result.size());
        for (Row row : result) {
            System.out.println("AZOF-APP " + how + " " + asOf + " " + row.getString(0) + " " + row.getDouble(1));
        }
    }
}
