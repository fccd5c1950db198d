package io.azof.spark.read;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.TestSupport.readAsOf;
import static io.azof.spark.TestSupport.referenceTable;
import static io.azof.spark.TestSupport.row;
import static io.azof.spark.TestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.spark.SharedSpark;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forms of time string the asOf option accepts, all read against table0 around delta1.csv's 2@02-20. */
class AsOfOptionTest {
    // At or after 2024-02-20T00:00Z: delta1.csv's 1@02-01 abc2 and 2@02-20 xyz2 (3@03-10 is later).
    private static final List<List<Object>> AT_FEB_20 = List.of(
            row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
            row("2", instant("2024-02-20T00:00:00Z"), "xyz2"));
    // Just before it: key 2 still has base.csv's 2@01-01 xyz.
    private static final List<List<Object>> BEFORE_FEB_20 = List.of(
            row("1", instant("2024-02-01T00:00:00Z"), "abc2"),
            row("2", instant("2024-01-01T00:00:00Z"), "xyz"));

    @ParameterizedTest
    @ValueSource(strings = {
            "2024-02-20T00:00:00Z",
            "2024-02-20T02:00:00+02:00",
            "2024-02-20T00:00:00.000+00:00",
            "2024-02-20T00:00:00.000001Z",
            "2024-02-20"})
    void formsNamingFeb20MidnightUtcOrLaterSeeXyz2(String asOf) {
        assertThat(rows(readAsOf(referenceTable("table0"), asOf))).containsExactlyInAnyOrderElementsOf(AT_FEB_20);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2024-02-20T01:59:59+02:00",
            "2024-02-19T23:59:59.999999Z",
            "2024-02-19"})
    void formsNamingJustBeforeFeb20MidnightUtcSeeXyz(String asOf) {
        assertThat(rows(readAsOf(referenceTable("table0"), asOf))).containsExactlyInAnyOrderElementsOf(BEFORE_FEB_20);
    }

    @Test
    void localDateTimeIsReadInTheSessionTimeZone() {
        var conf = SharedSpark.session().conf();
        conf.set("spark.sql.session.timeZone", "America/New_York");
        try {
            // New York is UTC-5 in February: 19:00 local on 02-19 is 2024-02-20T00:00Z.
            assertThat(rows(readAsOf(referenceTable("table0"), "2024-02-19T19:00:00")))
                    .containsExactlyInAnyOrderElementsOf(AT_FEB_20);
            assertThat(rows(readAsOf(referenceTable("table0"), "2024-02-19T18:59:59.999")))
                    .containsExactlyInAnyOrderElementsOf(BEFORE_FEB_20);
        } finally {
            conf.set("spark.sql.session.timeZone", SharedSpark.DEFAULT_TIME_ZONE);
        }
    }

    @Test
    void unparsableValueFailsOnTheDriverNamingOptionValueAndAcceptedForms() {
        SparkContext context = SharedSpark.session().sparkContext();
        String jobGroup = "azof-bad-asOf";
        context.setJobGroup(jobGroup, "bad asOf", false);
        try {
            Dataset<Row> frame = readAsOf(referenceTable("table0"), "yesterday");
            assertThatThrownBy(frame::collectAsList)
                    .isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining("'asOf'")
                    .hasMessageContaining("'yesterday'")
                    .hasMessageContaining("ISO-8601 instant with zone")
                    .hasMessageContaining("local date-time")
                    .hasMessageContaining("a date such as '2019-01-17'");
            assertThat(context.statusTracker().getJobIdsForGroup(jobGroup)).as("jobs started").isEmpty();
        } finally {
            context.clearJobGroup();
        }
    }
}
