package io.azof.spark.read;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.io.HadoopStorage;
import io.azof.spark.AzofCatalog;
import io.azof.spark.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelt azof option fails before any job, naming the option meant (SPEC section 9), instead of being passed
 * through and ignored: {@code asOff} would otherwise read the current table. Other unknown options still pass.
 */
class OptionTyposTest {
    private static final StructType PRICES = new StructType()
            .add("ticker", DataTypes.StringType)
            .add("at", DataTypes.TimestampType)
            .add("price", DataTypes.LongType);

    @TempDir
    static Path dir;
    private static String table;

    @BeforeAll
    static void writeTable() {
        table = dir.resolve("prices").toString();
        frame().write().format("azof").option("keyColumns", "ticker").option("eventTimeColumn", "at").save(table);
        SparkSession spark = SharedSpark.session();
        spark.conf().set("spark.sql.catalog.typos_lake", AzofCatalog.class.getName());
        spark.conf().set("spark.sql.catalog.typos_lake.warehouse", dir.toString());
    }

    private static Dataset<Row> frame() {
        return SharedSpark.session().createDataFrame(List.of(
                RowFactory.create("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                RowFactory.create("ACME", instant("2024-02-01T00:00:00Z"), 12L)), PRICES);
    }

    @Test
    void aReadOptionNearAnAzofOptionFailsNamingIt() {
        assertThatThrownBy(() -> SharedSpark.session().read().format("azof").option("asOff", "2024-01-15").load(table).collectAsList())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Unknown option 'asOff' — did you mean 'asOf'?");
        assertThatThrownBy(() -> SharedSpark.session().read().format("azof").option("versionAsOff", "1").load(table).collectAsList())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Unknown option 'versionAsOff' — did you mean 'versionAsOf'?");
    }

    @Test
    void aWriteOptionNearAnAzofOptionFailsNamingItAndCommitsNothing() {
        String other = dir.resolve("not-created").toString();
        assertThatThrownBy(() -> frame().write().format("azof").option("keyColumn", "ticker").option("eventTimeColumn", "at").save(other))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Unknown option 'keyColumn' — did you mean 'keyColumns'?");
        assertThatThrownBy(() -> frame().write().format("azof").option("keyColumns", "ticker").option("eventTimeColum", "at").save(other))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Unknown option 'eventTimeColum' — did you mean 'eventTimeColumn'?");
        assertThat(Table.forPath(HadoopStorage.withDefaults(), other).exists()).isFalse();
    }

    @Test
    void aCatalogTableReadOptionNearAnAzofOptionFailsNamingIt() {
        assertThatThrownBy(() -> SharedSpark.session().read().option("asOff", "2024-01-15").table("typos_lake.prices").collectAsList())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Unknown option 'asOff' — did you mean 'asOf'?");
    }

    @Test
    void correctlySpeltAndUnrelatedOptionsStillRead() {
        assertThat(rows(SharedSpark.session().read().format("azof").option("ASOF", "2024-01-15").option("someSetting", "x").load(table)))
                .containsExactly(row("ACME", instant("2024-01-01T00:00:00Z"), 10L));
    }
}
