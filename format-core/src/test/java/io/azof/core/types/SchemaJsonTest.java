package io.azof.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.testing.TestArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaJsonTest {
    /** What Spark 3.5's {@code StructType.json()} prints for this schema (field order and spacing included). */
    private static final String SPARK_JSON = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"price\",\"type\":\"decimal(10,2)\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true},"
            + "\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"attrs\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":"
            + "{\"type\":\"struct\",\"fields\":[{\"name\":\"at\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"day\",\"type\":\"date\",\"nullable\":false,\"metadata\":{}}]},\"valueContainsNull\":false},"
            + "\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"raw\",\"type\":\"binary\",\"nullable\":true,\"metadata\":{}}]}";
    private static final StructType SCHEMA = StructType.of(
            new StructField("id", PrimitiveType.LONG, false),
            new StructField("price", new DecimalType(10, 2), true),
            new StructField("tags", new ArrayType(PrimitiveType.STRING, true), true),
            new StructField("attrs", new MapType(PrimitiveType.STRING, StructType.of(
                    new StructField("at", PrimitiveType.TIMESTAMP, true),
                    new StructField("day", PrimitiveType.DATE, false)), false), true),
            new StructField("raw", PrimitiveType.BINARY, true));

    @Test
    void parsesWhatSparkWrites() {
        assertThat(SchemaJson.parse("t.json", SPARK_JSON)).isEqualTo(SCHEMA);
    }

    @Test
    void writesWhatSparkWritesByteForByte() {
        assertThat(SchemaJson.toJson(SCHEMA)).isEqualTo(SPARK_JSON);
    }

    @Test
    void writesEveryPrimitiveUnderSparksName() {
        assertThat(List.of(PrimitiveType.values())).extracting(SchemaJson::toJson).containsExactly(
                "\"string\"", "\"binary\"", "\"boolean\"", "\"byte\"", "\"short\"", "\"integer\"", "\"long\"",
                "\"float\"", "\"double\"", "\"date\"", "\"timestamp\"");
    }

    @Test
    void acceptsSparksOtherDecimalSpellings() {
        assertThat(SchemaJson.parse("t", "\"decimal\"")).isEqualTo(new DecimalType(10, 0));
        assertThat(SchemaJson.parse("t", "\"decimal( 38 , 0)\"")).isEqualTo(new DecimalType(38, 0));
    }

    @Test
    void fieldWithoutNullableIsNullableAndMetadataIsOptionalAndIgnored() {
        String json = "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"integer\"},"
                + "{\"name\":\"b\",\"type\":\"string\",\"nullable\":false,"
                + "\"metadata\":{\"comment\":\"c\",\"__CHAR_VARCHAR_TYPE_STRING\":\"varchar(5)\"}}]}";
        assertThat(SchemaJson.parseStruct("t", json)).isEqualTo(StructType.of(
                new StructField("a", PrimitiveType.INTEGER, true), new StructField("b", PrimitiveType.STRING, false)));
    }

    @Test
    void parsesFromAJsonTree() throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SPARK_JSON);
        assertThat(SchemaJson.parse("t", tree)).isEqualTo(SCHEMA);
        assertThat(SchemaJson.toJsonNode(SCHEMA)).isEqualTo(tree);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp_ntz", "interval", "void", "char(3)", "varchar(5)", "interval day to second",
        "null", "calendarinterval"})
    void refusesUnsupportedSparkTypesByNameAtTheirPath(String typeName) {
        String json = "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"integer\",\"nullable\":true},"
                + "{\"name\":\"b\",\"type\":\"string\",\"nullable\":true},"
                + "{\"name\":\"c\",\"type\":{\"type\":\"array\",\"elementType\":\"" + typeName + "\",\"containsNull\":true},"
                + "\"nullable\":true}]}";
        assertThatThrownBy(() -> SchemaJson.parse("s7.json", json))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessage("Schema in s7.json is invalid at fields[2].type.elementType: type '" + typeName
                        + "' is not supported by azof (supported: string, binary, boolean, byte, short, integer, long, "
                        + "float, double, date, timestamp, decimal(p,s), struct, array, map)");
    }

    @Test
    void refusesUserDefinedTypes() {
        String json = "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":{\"type\":\"udt\",\"class\":\"x.Point\","
                + "\"pyClass\":null,\"sqlType\":\"string\"},\"valueContainsNull\":true}";
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", json))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("Schema in s1.json is invalid at valueType: type 'udt' is not supported");
    }

    @Test
    void namesTheMissingMember() {
        String json = "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"map\",\"keyType\":\"string\","
                + "\"valueContainsNull\":true}}]}";
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", json))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessage("Schema in s1.json is invalid at fields[0].type.valueType: is required but missing");
    }

    @Test
    void namesAMemberOfTheWrongJsonType() {
        String json = "{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":\"yes\"}";
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", json))
                .hasMessage("Schema in s1.json is invalid at containsNull: must be true or false, found \"yes\"");
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", "{\"type\":\"struct\",\"fields\":{}}"))
                .hasMessage("Schema in s1.json is invalid at fields: must be an array");
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", "{\"type\":\"struct\",\"fields\":[{\"name\":3,\"type\":\"long\"}]}"))
                .hasMessage("Schema in s1.json is invalid at fields[0].name: must be a string, found NUMBER");
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", "42"))
                .hasMessage("Schema in s1.json is invalid at the root: a type must be a JSON string or object, found NUMBER");
    }

    @Test
    void refusesDecimalsOutsideSparksBounds() {
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", "{\"type\":\"array\",\"elementType\":\"decimal(39,0)\","
                + "\"containsNull\":true}"))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessage("Schema in s1.json is invalid at elementType: 'decimal(39,0)' is not a valid decimal: "
                        + "decimal precision must be between 1 and 38, got 39");
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", "\"decimal(5,-1)\""))
                .hasMessageContaining("decimal scale must be between 0 and the precision 5, got -1");
    }

    @Test
    void refusesDuplicateFieldNamesButNotNamesDifferingInCase() {
        String json = "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"A\",\"type\":\"long\"},"
                + "{\"name\":\"a\",\"type\":\"string\"}]}";
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", json))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessage("Schema in s1.json is invalid at fields[2].name: duplicate field name 'a'");
    }

    @Test
    void reportsInvalidJsonWithTheContext() {
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", "{\"type\":"))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageStartingWith("Schema in s1.json is not valid JSON:");
        assertThatThrownBy(() -> SchemaJson.parse("s1.json", ""))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessage("Schema in s1.json is empty");
    }

    @Test
    void parseStructRefusesOtherTypes() {
        assertThatThrownBy(() -> SchemaJson.parseStruct("s1.json", "\"long\""))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessage("Schema in s1.json must be a struct, but is long");
    }

    @Property(tries = 300)
    void everyTypeSurvivesARoundTrip(@ForAll("types") DataType type) {
        assertThat(SchemaJson.parse("t", SchemaJson.toJson(type))).isEqualTo(type);
    }

    @Provide
    Arbitrary<DataType> types() {
        return TestArbitraries.types(3);
    }
}
