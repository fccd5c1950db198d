package io.azof.spark.sql;

import io.azof.core.OptionNames;
import io.azof.core.VersionSelector;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.time.TimeStrings;
import io.azof.spark.common.SparkLine;
import io.azof.spark.common.SparkOptions;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * The SQL table-valued function {@code azof_as_of(table, asOf [, version | systemTime])}: the same read as
 * {@code spark.read.format("azof").option("asOf", ...).option("versionAsOf" | "systemTimeAsOf", ...).load(location)},
 * for SQL, where Spark 3.5 has no way to pass read options to a table reference.
 *
 * <p>Each argument is checked here so that a bad one fails before any job, with a message naming the argument and its
 * value. The read itself is the data source's, so the rules and errors of the options apply unchanged.
 */
public final class AsOfTableFunction extends AzofTableFunction {
    public static final String NAME = "azof_as_of";

    private static final String USAGE = "_FUNC_(table, asOf [, version | systemTime]) - Reads the azof table as of event time"
            + " asOf: per key, the latest row whose event time is at or before asOf (NULL: the latest row of each key)."
            + " table is a path or URI ('/data/financials', 's3a://lake/financials') or a table name ('lake.db.financials')"
            + " whose catalog gives the table's location. An optional third argument reads the table as it was known at a"
            + " system time: an integer is a snapshot version, a string a commit time (the latest version committed at or"
            + " before it). Times are strings such as '2019-01-17', '2019-01-17 09:30:00' (both in the session time zone)"
            + " or '2019-01-17T00:00:00Z', or DATE / TIMESTAMP values.";

    private static final String ARGUMENTS = """

                Arguments:
            """ + TABLE_ARGUMENT + """
                  * asOf - the event time to read the table at: a time string, a DATE or a TIMESTAMP; NULL for current
                  * version - optional: an integer, the snapshot version to read (as the option versionAsOf)
                  * systemTime - optional instead of version: a time, to read the latest version committed at or before it
                      (as the option systemTimeAsOf)
            """;

    private static final String EXAMPLES = """

                Examples:
                  > SELECT * FROM _FUNC_('/data/financials', '2019-01-17');
                  > SELECT * FROM _FUNC_('lake.db.financials', '2019-01-17', 3);
                  > SELECT * FROM _FUNC_('lake.db.financials', '2019-01-17', '2019-03-01T00:00:00Z');
            """;

    public AsOfTableFunction() {
        super(NAME, NAME + "('<table>', '<asOf>' [, <version> | '<systemTime>'])", List.of("table", "asOf", "version or systemTime"), 2);
    }

    @Override
    public ExpressionInfo info() {
        return info(USAGE, ARGUMENTS, EXAMPLES);
    }

    @Override
    LogicalPlan plan(SparkSession spark, ZoneId sessionZone, List<FunctionArgument> given) {
        FunctionArgument table = given.get(0);
        String location = table.tableLocation(spark);

        Map<String, String> options = new LinkedHashMap<>();
        FunctionArgument asOf = given.get(1);
        String asOfTime = asOf.time("a time string such as '2019-01-17', a DATE or a TIMESTAMP, or NULL for current");
        if (asOfTime != null) {
            asOf.check(() -> TimeStrings.parse(OptionNames.AS_OF, asOfTime, sessionZone));
            options.put(OptionNames.AS_OF, asOfTime);
        }

        FunctionArgument knownAt = given.size() == 3 ? given.get(2) : null;
        if (knownAt != null && knownAt.value() != null) {
            if (knownAt.isInteger()) {
                knownAt = knownAt.meaning("version");
                options.put(OptionNames.VERSION_AS_OF, knownAt.value().toString());
            } else {
                String systemTime = knownAt.time(
                        "an integer snapshot version such as 3, or a system time: a time string such as '2019-03-01T00:00:00Z',"
                                + " a DATE or a TIMESTAMP");
                knownAt = knownAt.meaning("systemTime");
                options.put(OptionNames.SYSTEM_TIME_AS_OF, systemTime);
            }
            knownAt.check(() -> VersionSelector.fromOptions(options.get(OptionNames.VERSION_AS_OF),
                    options.get(OptionNames.SYSTEM_TIME_AS_OF), sessionZone));
        }

        try {
            return SparkLine.logicalPlan(spark.read().format(SparkOptions.FORMAT).options(options).load(location));
        } catch (TableNotFoundException e) {
            throw table.refused(e);
        } catch (VersionNotFoundException e) {
            // A version or system time asked for is missing or expired (without one, the latest version is read).
            if (knownAt == null) {
                throw e;
            }
            throw knownAt.refused(e);
        }
    }
}
