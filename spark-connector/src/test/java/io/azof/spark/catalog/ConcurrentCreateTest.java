package io.azof.spark.catalog;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.catalog.CatalogTestSupport.latest;
import static io.azof.spark.catalog.CatalogTestSupport.registerCatalog;
import static io.azof.spark.catalog.CatalogTestSupport.spark;
import static io.azof.spark.catalog.CatalogTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creators racing for one table through Spark (SPEC section 6.5, item 8): of concurrent {@code createTable} calls on the
 * catalog, and of concurrent {@code errorifexists} writes to a path, exactly one wins; the others fail typed (Spark's
 * {@link TableAlreadyExistsException} from the catalog, azof's from the writer) and nothing of theirs is in the table.
 * format-core's {@code TableCreationRaceTest} forces the race onto the creation of version 1 and has the negative control.
 */
class ConcurrentCreateTest {
    private static final String CATALOG = "racing_lake";
    private static final int CREATORS = 4;
    private static final int ROUNDS = 4;
    private static final StructType PRICES = new StructType()
            .add("ticker", DataTypes.StringType)
            .add("at", DataTypes.TimestampType)
            .add("price", DataTypes.LongType);

    @TempDir
    static Path warehouse;

    @BeforeAll
    static void register() {
        registerCatalog(CATALOG, warehouse);
        sql("CREATE NAMESPACE " + CATALOG + ".db");
    }

    /** Runs {@code creators} calls at once; returns, per creator, null when it returned or what it threw. */
    private static List<Throwable> race(int creators, IntFunction<Callable<?>> creator) throws InterruptedException {
        SparkSession session = spark();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < creators; i++) {
                Callable<?> call = creator.apply(i);
                futures.add(pool.submit(() -> {
                    SparkSession.setActiveSession(session);
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Throwable> outcomes = new ArrayList<>();
            for (Future<?> future : futures) {
                try {
                    future.get(300, TimeUnit.SECONDS);
                    outcomes.add(null);
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a creator did not finish in 300 s", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int winner(List<Throwable> outcomes, Class<? extends Throwable> loserType) {
        assertThat(outcomes).as("outcomes (null: created)").filteredOn(o -> o == null).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o != null).allSatisfy(failure -> assertThat(failure).isInstanceOf(loserType));
        return outcomes.indexOf(null);
    }

    @Test
    void ofConcurrentCreateTablesOneWinsAndTheOthersGetTableAlreadyExists() throws Exception {
        TableCatalog catalog = (TableCatalog) spark().sessionState().catalogManager().catalog(CATALOG);
        for (int round = 0; round < ROUNDS; round++) {
            Identifier ident = Identifier.of(new String[] {"db"}, "created_" + round);
            List<Throwable> outcomes = race(CREATORS, creator -> () -> catalog.createTable(ident, PRICES, new Transform[0],
                    Map.of("keyColumns", "ticker", "eventTimeColumn", "at", "buckets", Integer.toString(creator + 1))));

            int winner = winner(outcomes, TableAlreadyExistsException.class);
            var snapshot = latest(warehouse.resolve("db").resolve("created_" + round));
            assertThat(snapshot.version()).as("round %d: the winner's create alone", round).isEqualTo(1);
            assertThat(snapshot.table().buckets()).as("round %d: the winner's definition", round).isEqualTo(winner + 1);
        }
    }

    @Test
    void ofConcurrentErrorIfExistsWritesOneWinsAndTheTableHoldsItsRowsOnly(@TempDir Path dir) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String table = dir.resolve("written_" + round).toString();
            List<Throwable> outcomes = race(CREATORS, writer -> () -> {
                spark().createDataFrame(List.of(RowFactory.create("W" + writer, instant("2024-01-01T00:00:00Z"), (long) writer)), PRICES)
                        .write().format("azof").option("keyColumns", "ticker").option("eventTimeColumn", "at").save(table);
                return null;
            });

            int winner = winner(outcomes, io.azof.core.exceptions.TableAlreadyExistsException.class);
            assertThat(latest(Path.of(table)).version()).isEqualTo(1);
            assertThat(TestSupport.rows(spark().read().format("azof").load(table)))
                    .containsExactly(row("W" + winner, instant("2024-01-01T00:00:00Z"), (long) winner));
        }
    }
}
