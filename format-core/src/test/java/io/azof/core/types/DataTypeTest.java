package io.azof.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataTypeTest {
    private static final StructType SCHEMA = StructType.of(
            new StructField("id", PrimitiveType.LONG, false),
            new StructField("Id", PrimitiveType.STRING, true));

    @Test
    void structLooksFieldsUpByCaseSensitiveName() {
        assertThat(SCHEMA.fieldIndex("Id")).isEqualTo(1);
        assertThat(SCHEMA.field("id")).contains(new StructField("id", PrimitiveType.LONG, false));
        assertThat(SCHEMA.field("ID")).isEmpty();
        assertThat(SCHEMA.fieldNames()).containsExactly("id", "Id");
    }

    @Test
    void fieldIndexOfAnUnknownNameNamesItAndTheStruct() {
        assertThatThrownBy(() -> SCHEMA.fieldIndex("ID"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no field 'ID' in struct<id: long not null, Id: string>");
    }

    @Test
    void structRefusesDuplicateNames() {
        assertThatThrownBy(() -> new StructType(List.of(new StructField("a", PrimitiveType.LONG, true),
                new StructField("a", PrimitiveType.STRING, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("struct has two fields named 'a'");
    }

    @Test
    void decimalBoundsAreSparks() {
        assertThat(new DecimalType(38, 38)).hasToString("decimal(38,38)");
        assertThatThrownBy(() -> new DecimalType(0, 0)).hasMessage("decimal precision must be between 1 and 38, got 0");
        assertThatThrownBy(() -> new DecimalType(39, 0)).hasMessage("decimal precision must be between 1 and 38, got 39");
        assertThatThrownBy(() -> new DecimalType(5, 6)).hasMessage("decimal scale must be between 0 and the precision 5, got 6");
        assertThatThrownBy(() -> new DecimalType(5, -1)).hasMessage("decimal scale must be between 0 and the precision 5, got -1");
    }

    @Test
    void typesPrintReadably() {
        DataType type = new MapType(PrimitiveType.STRING, new ArrayType(new DecimalType(9, 2), false), true);
        assertThat(type).hasToString("map<string, array<decimal(9,2) not null>>");
    }
}
