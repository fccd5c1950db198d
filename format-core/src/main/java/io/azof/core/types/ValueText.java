package io.azof.core.types;

import io.azof.core.time.Micros;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HexFormat;

/** Values as messages and metadata show them: as users wrote them, not as they are stored (a date, not its day number). */
public final class ValueText {
    private ValueText() {
    }

    public static String of(DataType type, Object value) {
        if (value == null) {
            return "null";
        }
        if (type == PrimitiveType.DATE) {
            return LocalDate.ofEpochDay((Integer) value).toString();
        }
        if (type == PrimitiveType.TIMESTAMP) {
            return time((Long) value);
        }
        if (type == PrimitiveType.BINARY) {
            return "0x" + HexFormat.of().formatHex((byte[]) value);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    /** An instant held as epoch microseconds, in ISO-8601. */
    public static String time(long micros) {
        return Micros.toInstant(micros).toString();
    }
}
