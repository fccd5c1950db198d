package io.azof.spark.sql;

import io.azof.core.exceptions.AzofException;

/**
 * A call of an azof SQL function with an argument it cannot use. The message names the function, the argument (its
 * position and meaning) and the value given; when the argument was refused by the table (an unknown path, a version
 * that does not exist) the cause is azof's own error for it.
 */
public class FunctionArgumentException extends AzofException {
    public FunctionArgumentException(String message) {
        super(message);
    }

    public FunctionArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
