package io.azof.core.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.types.ArrayType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class ParquetSchemasTest {

    @Test
    void mapsEveryTypeAsSparksDefaultWriterDoes() {
        StructType schema = StructType.of(
                new StructField("s", PrimitiveType.STRING, true),
                new StructField("b", PrimitiveType.BINARY, false),
                new StructField("flag", PrimitiveType.BOOLEAN, true),
                new StructField("tiny", PrimitiveType.BYTE, true),
                new StructField("small", PrimitiveType.SHORT, true),
                new StructField("i", PrimitiveType.INTEGER, true),
                new StructField("l", PrimitiveType.LONG, false),
                new StructField("f", PrimitiveType.FLOAT, true),
                new StructField("d", PrimitiveType.DOUBLE, true),
                new StructField("d9", new DecimalType(9, 2), true),
                new StructField("d18", new DecimalType(18, 0), true),
                new StructField("d19", new DecimalType(19, 4), true),
                new StructField("d38", new DecimalType(38, 38), true),
                new StructField("day", PrimitiveType.DATE, true),
                new StructField("at", PrimitiveType.TIMESTAMP, true),
                new StructField("st", StructType.of(new StructField("x", PrimitiveType.INTEGER, false)), true),
                new StructField("arr", new ArrayType(PrimitiveType.STRING, true), true),
                new StructField("strict", new ArrayType(PrimitiveType.LONG, false), false),
                new StructField("m", new MapType(PrimitiveType.STRING, new ArrayType(PrimitiveType.INTEGER, false), true), true));
        assertThat(ParquetSchemas.toParquet(schema)).isEqualTo(MessageTypeParser.parseMessageType("""
                message azof_schema {
                  optional binary s (STRING);
                  required binary b;
                  optional boolean flag;
                  optional int32 tiny (INTEGER(8,true));
                  optional int32 small (INTEGER(16,true));
                  optional int32 i;
                  required int64 l;
                  optional float f;
                  optional double d;
                  optional int32 d9 (DECIMAL(9,2));
                  optional int64 d18 (DECIMAL(18,0));
                  optional fixed_len_byte_array(9) d19 (DECIMAL(19,4));
                  optional fixed_len_byte_array(16) d38 (DECIMAL(38,38));
                  optional int32 day (DATE);
                  optional int64 at (TIMESTAMP(MICROS,true));
                  optional group st {
                    required int32 x;
                  }
                  optional group arr (LIST) {
                    repeated group list {
                      optional binary element (STRING);
                    }
                  }
                  required group strict (LIST) {
                    repeated group list {
                      required int64 element;
                    }
                  }
                  optional group m (MAP) {
                    repeated group key_value {
                      required binary key (STRING);
                      optional group value (LIST) {
                        repeated group list {
                          required int32 element;
                        }
                      }
                    }
                  }
                }
                """));
    }

    @Test
    void fixedLengthDecimalsUseSparksMinimalWidth() {
        assertThat(ParquetSchemas.minBytesForPrecision(1)).isEqualTo(1);
        assertThat(ParquetSchemas.minBytesForPrecision(2)).isEqualTo(1);
        assertThat(ParquetSchemas.minBytesForPrecision(3)).isEqualTo(2);
        assertThat(ParquetSchemas.minBytesForPrecision(19)).isEqualTo(9);
        assertThat(ParquetSchemas.minBytesForPrecision(20)).isEqualTo(9);
        assertThat(ParquetSchemas.minBytesForPrecision(21)).isEqualTo(9);
        assertThat(ParquetSchemas.minBytesForPrecision(22)).isEqualTo(10);
        assertThat(ParquetSchemas.minBytesForPrecision(38)).isEqualTo(16);
    }

    @Test
    void refusesEmptyStructsWhichParquetCannotStore() {
        StructType schema = StructType.of(new StructField("a", new ArrayType(StructType.of(), true), true));
        assertThatThrownBy(() -> ParquetSchemas.toParquet(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("struct field a.element has no fields; Parquet cannot store an empty group");
    }
}
