package io.azof.spark.sql;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.time.Micros;
import io.azof.core.time.TimeStrings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
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

/**
 * One argument of a call of an azof table function: its position, what it means, the expression as written and its value,
 * evaluated once here. Strings come out as {@link String}; other values stay as Spark's internal ones.
 */
record FunctionArgument(AzofTableFunction function, int position, String meaning, Expression expression, Object value) {

    /** @throws FunctionArgumentException for a named argument, one that is not a constant, or one that fails to evaluate */
    static FunctionArgument of(AzofTableFunction function, int position, String meaning, Expression expression) {
        String describe = function.name() + " argument " + position + " (" + meaning + ")";
        if (expression instanceof NamedArgumentExpression named) {
            throw new FunctionArgumentException(describe + ": " + function.name() + " takes its arguments by position, "
                    + function.signature() + "; got the named argument " + named.key() + " => " + named.value().sql());
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
        return new FunctionArgument(function, position, meaning, expression, value);
    }

    /** This argument, named for what its value turned out to mean. */
    FunctionArgument meaning(String meaning) {
        return new FunctionArgument(function, position, meaning, expression, value);
    }

    /** By type, not by value: a TIMESTAMP's value is a number (microseconds) too. */
    boolean isInteger() {
        DataType type = expression.dataType();
        return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType;
    }

    /** How messages name this argument: the function, the position, the meaning and the value as written. */
    String describe() {
        return function.name() + " argument " + position + " (" + meaning + " " + expression.sql() + ")";
    }

    FunctionArgumentException wrongType(String expected) {
        String got = value == null ? "NULL" : expression.sql() + " of type " + expression.dataType().sql();
        return new FunctionArgumentException(function.name() + " argument " + position + " (" + meaning + ") must be " + expected
                + "; got " + got);
    }

    /** azof's refusal of this argument's value (no such table, no such version), with this argument named before its message. */
    FunctionArgumentException refused(RuntimeException reason) {
        return new FunctionArgumentException(describe() + ": " + reason.getMessage(), reason);
    }

    /**
     * The location of the table this argument names: a path or URI as given, or a table name's location in its catalog.
     *
     * @throws FunctionArgumentException when it is not a string or names no azof table
     */
    String tableLocation(SparkSession spark) {
        if (!(value instanceof String tableName)) {
            throw wrongType("a string: a table path or URI, or a table name");
        }
        return CatalogTableLocation.resolve(spark, tableName, describe());
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

    /** The argument as an instant, read as {@link TimeStrings} reads times; SQL NULL is refused as of the wrong type. */
    Instant instant(String expected, ZoneId sessionZone) {
        String text = time(expected);
        if (text == null) {
            throw wrongType(expected);
        }
        return check(() -> TimeStrings.parse(meaning, text, sessionZone));
    }

    /** Runs a check of core's and names this argument in its error, keeping core's message (option, value, accepted forms). */
    <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidOptionException e) {
            throw refused(e);
        }
    }
}
