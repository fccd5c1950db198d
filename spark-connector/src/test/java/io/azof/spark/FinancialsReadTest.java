package io.azof.spark;

import static io.azof.spark.TestSupport.readAsOf;
import static io.azof.spark.TestSupport.referenceTable;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FinancialsReadTest {

    @Test
    void topSoftwareRevenueAsOfMidJanuary2019() {
        readAsOf(referenceTable("financials"), "2019-01-17T00:00:00Z").createOrReplaceTempView("t");

        // Expected answer published with the azof 0.2.1 financials example.
        assertThat(rows(SharedSpark.session().sql(
                "SELECT key AS symbol, revenue, net_income FROM t WHERE industry = 'Software' "
                        + "ORDER BY revenue DESC LIMIT 5")))
                .containsExactly(
                        row("MSFT", 32471000000L, 8420000000L),
                        row("ORCL", 9562000000L, 2333000000L),
                        row("SAP", 8449374000L, 1919226000L),
                        row("CRM", 3603000000L, 362000000L),
                        row("VMW", 3230000000L, -270000000L));
    }
}
