package io.azof.spark.sql;

import io.azof.core.CoverageQuery;
import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.spark.catalog.CoverageRows;
import io.azof.spark.catalog.TableMetadataRows;
import io.azof.spark.common.SparkLine;
import io.azof.spark.common.TableLocation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * The SQL table-valued functions {@code azof_coverage}, {@code azof_gaps}, {@code azof_table_coverage} and
 * {@code azof_table_gaps}, each {@code (table, from, to [, version])}: the rows of {@link CoverageRows} for one
 * {@link CoverageRows.View}, as {@code AzofTable.forPath(spark, path).coverage(from, to)} and its siblings return them.
 * The rows are built while the query is analysed, from metadata alone, and the call becomes a local relation.
 */
final class CoverageTableFunction extends AzofTableFunction {
    private static final String TIME = "a time string such as '2024-01-17', a DATE or a TIMESTAMP";

    private static final String COMMON_USAGE = " The range is widened to whole slots of the table's coverageGranularity."
            + " table is a path or URI ('/data/sensors', 's3a://lake/sensors') or a table name ('lake.db.sensors') whose catalog"
            + " gives the table's location. An optional fourth argument, a snapshot version, answers for the table as it was at"
            + " that version (default: the latest). Times are strings such as '2024-01-17', '2024-01-17 09:30:00' (both in the"
            + " session time zone) or '2024-01-17T00:00:00Z', or DATE / TIMESTAMP values. Answered from the coverage the table's"
            + " commits recorded: no data file is read.";

    private static final String ARGUMENTS = """

                Arguments:
            """ + TABLE_ARGUMENT + """
                  * from - the start of the event-time range, inclusive: a time string, a DATE or a TIMESTAMP
                  * to - the end of the event-time range, exclusive: a time string, a DATE or a TIMESTAMP
                  * version - optional: an integer, the snapshot version to answer for (as the option versionAsOf);
                      NULL for the latest
            """;

    private static final String EXAMPLES = """

                Examples:
                  > SELECT * FROM _FUNC_('/data/sensors', '2024-01-01', '2024-01-02');
                  > SELECT * FROM _FUNC_('lake.db.sensors', '2024-01-01', '2024-02-01', 3);
            """;

    private final CoverageRows.View view;

    CoverageTableFunction(CoverageRows.View view) {
        super("azof_" + view.sqlName(), "azof_" + view.sqlName() + "('<table>', '<from>', '<to>' [, <version>])",
                List.of("table", "from", "to", "version"), 3);
        this.view = view;
    }

    @Override
    public ExpressionInfo info() {
        String what = switch (view) {
            case KEYS -> "Which event-time slots of [from, to) hold data in the azof table, per key: one row per key with the key"
                    + " columns, covered_slots, total_slots, ratio (covered over total) and max_gap_slots. Every key with data in"
                    + " the version has a row, also when its data lies outside the range.";
            case KEY_GAPS -> "The gaps of each key of the azof table in [from, to), the maximal runs of event-time slots without"
                    + " its data: one row per gap with the key columns, gap_start, gap_end (the gap is [gap_start, gap_end)) and"
                    + " slots.";
            case TABLE -> "Which event-time slots of [from, to) hold data of any key of the azof table: one row with"
                    + " covered_slots, total_slots, ratio (covered over total) and max_gap_slots.";
            case TABLE_GAPS -> "The gaps of the azof table in [from, to), the maximal runs of event-time slots without data of any"
                    + " key: one row per gap with gap_start, gap_end (the gap is [gap_start, gap_end)) and slots.";
        };
        return info("_FUNC_(table, from, to [, version]) - " + what + COMMON_USAGE, ARGUMENTS, EXAMPLES);
    }

    @Override
    LogicalPlan plan(SparkSession spark, ZoneId sessionZone, List<FunctionArgument> given) {
        FunctionArgument tableArgument = given.get(0);
        String location = tableArgument.tableLocation(spark);
        FunctionArgument fromArgument = given.get(1);
        FunctionArgument toArgument = given.get(2);
        Instant from = fromArgument.instant(TIME, sessionZone);
        Instant to = toArgument.instant(TIME, sessionZone);
        FunctionArgument version = given.size() == 4 && given.get(3).value() != null ? given.get(3) : null;
        VersionSelector selector = VersionSelector.latest();
        if (version != null) {
            if (!version.isInteger()) {
                throw version.wrongType("an integer snapshot version such as 3, or NULL for the latest");
            }
            selector = version.check(() -> VersionSelector.fromOptions(version.value().toString(), null, sessionZone));
        }

        Table table = TableLocation.of(location).table();
        CoverageQuery query;
        try {
            query = table.coverage(from, to).asOf(selector);
        } catch (InvalidOptionException e) {
            throw new FunctionArgumentException(fromArgument.describe() + " is not before argument 3 (to " + toArgument.expression().sql()
                    + "): " + e.getMessage(), e);
        }
        TableMetadataRows.RowSet rows;
        try {
            rows = CoverageRows.of(view, table, query);
        } catch (VersionNotFoundException e) {
            // Without a version, the latest is answered for, and it cannot be missing.
            if (version == null) {
                throw e;
            }
            throw version.refused(e);
        } catch (TableNotFoundException | InvalidOptionException e) {
            // No table there, or one that records no coverage (at the version asked for).
            throw tableArgument.refused(e);
        }
        return SparkLine.logicalPlan(spark.createDataFrame(rows.rows(), rows.schema()));
    }
}
