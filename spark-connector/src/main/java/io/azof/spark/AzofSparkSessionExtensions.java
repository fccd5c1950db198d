package io.azof.spark;

import io.azof.spark.sql.AzofTableFunction;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import scala.Tuple3;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * azof's additions to Spark SQL, enabled with {@code spark.sql.extensions=io.azof.spark.AzofSparkSessionExtensions}
 * (set when the session is built): the table-valued functions of {@link AzofTableFunction#all()}. {@code azof_as_of}
 * reads bitemporally, which Spark 3.5 cannot express otherwise (it has no {@code WITH (options)} clause on a table
 * reference); {@code azof_coverage}, {@code azof_gaps}, {@code azof_table_coverage} and {@code azof_table_gaps} answer
 * which event-time slots hold data.
 *
 * <p>Spark instantiates the class named in {@code spark.sql.extensions} with its no-argument constructor and applies
 * it as a Scala {@code SparkSessionExtensions => Unit}; {@link AbstractFunction1} is how Java provides one.
 */
public final class AzofSparkSessionExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        for (AzofTableFunction function : AzofTableFunction.all()) {
            // Raw Tuple3: the builder takes a scala.collection.Seq on Scala 2.12 and an immutable.Seq on 2.13; the function
            // accepts any scala.collection.Seq, so it serves both.
            extensions.injectTableFunction(new Tuple3(FunctionIdentifier.apply(function.name()), function.info(), function));
        }
        return BoxedUnit.UNIT;
    }
}
