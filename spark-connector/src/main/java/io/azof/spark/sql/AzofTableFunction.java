package io.azof.spark.sql;

import io.azof.spark.catalog.CoverageRows;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/**
 * An azof SQL table-valued function. Spark calls it while analysing a query, with the argument expressions, and uses the
 * plan it returns in place of the call. What every function shares is here: arguments are constants, taken by position,
 * as many as the function takes, each evaluated once ({@link FunctionArgument}), and every refusal names the function,
 * the argument and its value, before any job runs.
 */
public abstract class AzofTableFunction extends AbstractFunction1<Seq<Expression>, LogicalPlan> {
    /** How every function's help describes its table argument. */
    static final String TABLE_ARGUMENT = "      * table - a string: the table's path or URI, or a table name resolved through the session's"
            + " catalogs\n";

    private final String name;
    private final String signature;
    private final List<String> meanings;
    private final int requiredArguments;

    /**
     * @param signature how messages show the call, such as {@code azof_as_of('<table>', '<asOf>' [, <version>])}
     * @param meanings what each argument is, by position; the last {@code meanings.size() - requiredArguments} are optional
     */
    AzofTableFunction(String name, String signature, List<String> meanings, int requiredArguments) {
        this.name = name;
        this.signature = signature;
        this.meanings = List.copyOf(meanings);
        this.requiredArguments = requiredArguments;
    }

    /** Every azof table function, as the session extensions register them. */
    public static List<AzofTableFunction> all() {
        List<AzofTableFunction> functions = new ArrayList<>();
        functions.add(new AsOfTableFunction());
        for (CoverageRows.View view : CoverageRows.View.values()) {
            functions.add(new CoverageTableFunction(view));
        }
        return functions;
    }

    public final String name() {
        return name;
    }

    final String signature() {
        return signature;
    }

    /** What {@code DESCRIBE FUNCTION [EXTENDED]} shows for it. */
    public abstract ExpressionInfo info();

    /** An {@link ExpressionInfo} of this function; {@code _FUNC_} in the texts stands for its name. */
    final ExpressionInfo info(String usage, String arguments, String examples) {
        return new ExpressionInfo(getClass().getName(), null, name, usage, arguments, examples, "", "table_funcs", "", "", "");
    }

    @Override
    public final LogicalPlan apply(Seq<Expression> given) {
        SparkSession spark = SparkSession.active();
        List<Expression> expressions = new ArrayList<>();
        scala.collection.Iterator<Expression> each = given.iterator();
        while (each.hasNext()) {
            expressions.add(each.next());
        }
        if (expressions.size() < requiredArguments || expressions.size() > meanings.size()) {
            String counts = requiredArguments == meanings.size() ? Integer.toString(requiredArguments)
                    : requiredArguments + (meanings.size() == requiredArguments + 1 ? " or " : " to ") + meanings.size();
            throw new FunctionArgumentException(name + " takes " + counts + " arguments, " + signature + ", but got " + expressions.size()
                    + ": " + name + "(" + expressions.stream().map(Expression::sql).collect(Collectors.joining(", ")) + ")");
        }
        List<FunctionArgument> arguments = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            arguments.add(FunctionArgument.of(this, i + 1, meanings.get(i), expressions.get(i)));
        }
        return plan(spark, DateTimeUtils.getZoneId(spark.sessionState().conf().sessionLocalTimeZone()), arguments);
    }

    /**
     * The plan of a call whose arguments passed the checks common to every function.
     *
     * @param sessionZone the zone of times written without one
     */
    abstract LogicalPlan plan(SparkSession spark, ZoneId sessionZone, List<FunctionArgument> arguments);
}
