package io.azof.spark.sql;

import io.azof.core.OptionNames;
import io.azof.core.VersionSelector;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.time.Micros;
import io.azof.core.time.TimeStrings;
import io.azof.spark.common.SparkLine;
import io.azof.spark.common.SparkOptions;
import io.azof.spark.read.AzofScanBuilder;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/**
 * The SQL table-valued function {@code azof_as_of(table, asOf [, version | systemTime])}: the same read as
 * {@code spark.read.format("azof").option("asOf", ...).option("versionAsOf" | "systemTimeAsOf", ...).load(location)},
 * for SQL, where Spark 3.5 has no way to pass read options to a table reference.
 *
 * <p>Spark calls it while analysing a query, with the argument expressions, and uses the plan it returns in place of
 * the call. Arguments must be constants; each is checked here so that a bad one fails before any job, with a message
 * naming the argument and its value. The read itself is the data source's, so the rules and errors of the options
 * apply unchanged.
 */
public final class AsOfTableFunction extends AbstractFunction1<Seq<Expression>, LogicalPlan> {
    public static final String NAME = "azof_as_of";

    static final String SIGNATURE = NAME + "('<table>', '<asOf>' [, <version> | '<systemTime>'])";

    private static final String USAGE = "_FUNC_(table, asOf [, version | systemTime]) - Reads the azof table as of event time"
            + " asOf: per key, the latest row whose event time is at or before asOf (NULL: the latest row of each key)."
            + " table is a path or URI ('/data/financials', 's3a://lake/financials') or a table name ('lake.db.financials')"
            + " whose catalog gives the table's location. An optional third argument reads the table as it was known at a"
            + " system time: an integer is a snapshot version, a string a commit time (the latest version committed at or"
            + " before it). Times are strings such as '2019-01-17', '2019-01-17 09:30:00' (both in the session time zone)"
            + " or '2019-01-17T00:00:00Z', or DATE / TIMESTAMP values.";

    private static final String ARGUMENTS = """

                Arguments:
                  * table - a string: the table's path or URI, or a table name resolved through the session's catalogs
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

    /** What {@code DESCRIBE FUNCTION [EXTENDED] azof_as_of} shows. */
    public static ExpressionInfo info() {
        return new ExpressionInfo(AsOfTableFunction.class.getName(), null, NAME, USAGE, ARGUMENTS, EXAMPLES, "", "table_funcs",
                "", "", "");
    }

    @Override
    public LogicalPlan apply(Seq<Expression> arguments) {
        SparkSession spark = SparkSession.active();
        ZoneId sessionZone = DateTimeUtils.getZoneId(spark.sessionState().conf().sessionLocalTimeZone());
        List<Expression> expressions = new ArrayList<>();
        scala.collection.Iterator<Expression> each = arguments.iterator();
        while (each.hasNext()) {
            expressions.add(each.next());
        }
        if (expressions.size() < 2 || expressions.size() > 3) {
            throw new FunctionArgumentException(NAME + " takes 2 or 3 arguments, " + SIGNATURE + ", but got " + expressions.size() + ": "
                    + NAME + "(" + expressions.stream().map(Expression::sql).collect(Collectors.joining(", ")) + ")");
        }
        List<Argument> given = new ArrayList<>();
        for (Expression expression : expressions) {
            int position = given.size() + 1;
            given.add(Argument.of(position, position == 1 ? "table" : position == 2 ? "asOf" : "version or systemTime", expression));
        }

        Argument table = given.get(0);
        if (!(table.value() instanceof String tableName)) {
            throw table.wrongType("a string: a table path or URI, or a table name");
        }

        Map<String, String> options = new LinkedHashMap<>();
        Argument asOf = given.get(1);
        String asOfTime = asOf.time("a time string such as '2019-01-17', a DATE or a TIMESTAMP, or NULL for current");
        if (asOfTime != null) {
            asOf.check(() -> TimeStrings.parse(OptionNames.AS_OF, asOfTime, sessionZone));
            options.put(OptionNames.AS_OF, asOfTime);
        }

        Argument knownAt = given.size() == 3 ? given.get(2) : null;
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

        String location = CatalogTableLocation.resolve(spark, tableName, table.describe());
        try {
            return SparkLine.logicalPlan(spark.read().format(SparkOptions.FORMAT).options(options).load(location));
        } catch (TableNotFoundException e) {
            throw new FunctionArgumentException(table.describe() + ": " + e.getMessage(), e);
        } catch (VersionNotFoundException e) {
            // A version or system time asked for is missing or expired (without one, the latest version is read).
            if (knownAt == null) {
                throw e;
            }
            throw new FunctionArgumentException(knownAt.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * One argument: its position, what it means, the expression as written and its value, evaluated once here. Strings
     * come out as {@link String}; other values stay as Spark's internal ones.
     */
    private record Argument(int position, String meaning, Expression expression, Object value) {

        static Argument of(int position, String meaning, Expression expression) {
            String describe = NAME + " argument " + position + " (" + meaning + ")";
            if (expression instanceof NamedArgumentExpression named) {
                throw new FunctionArgumentException(describe + ": " + NAME + " takes its arguments by position, " + SIGNATURE
                        + "; got the named argument " + named.key() + " => " + named.value().sql());
            }
            // A constant is what the call is about (which table, which time), so something that varies by row has no meaning here.
            if (!expression.foldable()) {
                throw new FunctionArgumentException(describe + " must be a constant such as a literal; got " + expression.sql()
                        + ", which is not");
            }
            Object value;
            try {
                value = expression.eval(null);
            } catch (RuntimeException e) {
                throw new FunctionArgumentException(describe + ": cannot evaluate " + expression.sql() + ": " + e.getMessage(), e);
            }
            if (value != null && expression.dataType() instanceof StringType) {
                value = value.toString();
            }
            return new Argument(position, meaning, expression, value);
        }

        /** This argument, named for what its value turned out to mean. */
        Argument meaning(String meaning) {
            return new Argument(position, meaning, expression, value);
        }

        /** By type, not by value: a TIMESTAMP's value is a number (microseconds) too. */
        boolean isInteger() {
            DataType type = expression.dataType();
            return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType;
        }

        /** How messages name this argument: the function, the position, the meaning and the value as written. */
        String describe() {
            return NAME + " argument " + position + " (" + meaning + " " + expression.sql() + ")";
        }

        FunctionArgumentException wrongType(String expected) {
            String got = value == null ? "NULL" : expression.sql() + " of type " + expression.dataType().sql();
            return new FunctionArgumentException(NAME + " argument " + position + " (" + meaning + ") must be " + expected
                    + "; got " + got);
        }

        /**
         * The argument as the time string the read options take: strings as given; DATE and TIMESTAMP values written in
         * forms that mean the same instant to {@link TimeStrings} (a date, an instant in UTC, a local date-time).
         * Null for SQL NULL.
         */
        String time(String expected) {
            DataType type = expression.dataType();
            if (value == null && (type instanceof NullType || type instanceof StringType || type instanceof DateType
                    || type instanceof TimestampType || type instanceof TimestampNTZType)) {
                return null;
            }
            if (value instanceof String text) {
                return text;
            }
            if (type instanceof DateType) {
                return LocalDate.ofEpochDay((Integer) value).toString();
            }
            if (type instanceof TimestampType) {
                return Micros.toInstant((Long) value).toString();
            }
            if (type instanceof TimestampNTZType) {
                return Micros.toInstant((Long) value).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
            }
            throw wrongType(expected);
        }

        /** Runs a check of core's and names this argument in its error, keeping core's message (option, value, accepted forms). */
        void check(Runnable check) {
            try {
                check.run();
            } catch (InvalidOptionException e) {
                throw new FunctionArgumentException(describe() + ": " + e.getMessage(), e);
            }
        }
    }
}
