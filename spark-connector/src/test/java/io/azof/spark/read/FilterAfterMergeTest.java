package io.azof.spark.read;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.planNodes;
import static io.azof.spark.TestSupport.readAsOf;
import static io.azof.spark.TestSupport.referenceTable;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.execution.FilterExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.Test;

/** SPEC section 1: a predicate on a payload column applies only after the merge, or stale rows leak out. */
class FilterAfterMergeTest {

    @Test
    void payloadFilterDoesNotResurrectAShadowedRow() {
        // base.csv has 1@01-01 abc, but delta1.csv's 1@02-01 abc2 is key 1's current row: no key matches 'abc'.
        assertThat(rows(readAsOf(referenceTable("table0"), null).where("value = 'abc'"))).isEmpty();
    }

    @Test
    void payloadFilterSeesTheRowCurrentAtAsOf() {
        // On 2024-01-15 key 1's row is base.csv's 1@01-01 abc (delta1.csv starts 02-01).
        assertThat(rows(readAsOf(referenceTable("table0"), "2024-01-15T00:00:00Z").where("value = 'abc'")))
                .containsExactly(row("1", instant("2024-01-01T00:00:00Z"), "abc"));
    }

    @Test
    void physicalPlanFiltersAboveTheScanAndPrunesByNoPayloadPredicate() {
        Dataset<Row> frame = readAsOf(referenceTable("table0"), null).where("value = 'abc'");
        List<SparkPlan> nodes = planNodes(frame);

        FilterExec filter = nodes.stream().filter(FilterExec.class::isInstance).map(FilterExec.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no FilterExec in " + nodes.get(0)));
        assertThat(filter.condition().sql()).contains("value").contains("abc");
        BatchScanExec scan = nodes.stream().filter(BatchScanExec.class::isInstance).map(BatchScanExec.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no BatchScanExec in " + nodes.get(0)));
        assertThat(nodes.indexOf(filter)).as("filter above scan").isLessThan(nodes.indexOf(scan));
        assertThat(scan.runtimeFilters().isEmpty()).isTrue();
        assertThat(scan.scan().description()).doesNotContain("abc").contains("pruning=none");
        assertThat(((SupportsRead) scan.table()).newScanBuilder(CaseInsensitiveStringMap.empty()))
                .isNotInstanceOf(SupportsPushDownLimit.class);
    }

    @Test
    void keyPredicateStaysAboveTheScanToo() {
        Dataset<Row> frame = readAsOf(referenceTable("table0"), null).where("key = '1'");
        List<SparkPlan> nodes = planNodes(frame);
        assertThat(nodes.stream().filter(FilterExec.class::isInstance).map(FilterExec.class::cast).findFirst().orElseThrow()
                .condition().sql()).contains("key");
    }
}
