package io.azof.core.testing;

import io.azof.core.testing.WriteHistoryGenerator.History;
import io.azof.core.types.ArrayType;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The jqwik generators the tests share: azof types and values in the {@link DataType} representation, and the
 * generated tables and histories of {@link LegacyLayoutGenerator} and {@link WriteHistoryGenerator}. A test class
 * still declares its {@code @Provide} method (jqwik looks for it there), delegating here in one line.
 */
public final class TestArbitraries {
    private TestArbitraries() {
    }

    public static Arbitrary<DataType> types(int depth) {
        Arbitrary<DataType> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(PrimitiveType.values()).map(t -> (DataType) t)),
                Tuple.of(1, decimals().map(t -> (DataType) t)));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaf),
                Tuple.of(1, structs(depth - 1, 3).map(t -> (DataType) t)),
                Tuple.of(1, Combinators.combine(Arbitraries.lazy(() -> types(depth - 1)), Arbitraries.of(true, false))
                        .as(ArrayType::new).map(t -> (DataType) t)),
                Tuple.of(1, Combinators.combine(Arbitraries.lazy(() -> types(depth - 1)),
                                Arbitraries.lazy(() -> types(depth - 1)), Arbitraries.of(true, false))
                        .as(MapType::new).map(t -> (DataType) t)));
    }

    public static Arbitrary<DecimalType> decimals() {
        return Arbitraries.integers().between(1, DecimalType.MAX_PRECISION)
                .flatMap(p -> Arbitraries.integers().between(0, p).map(s -> new DecimalType(p, s)));
    }

    /** Structs of 1 to {@code maxFields} fields named c0, c1, ... (Parquet cannot store empty structs). */
    public static Arbitrary<StructType> structs(int depth, int maxFields) {
        return Combinators.combine(Arbitraries.lazy(() -> types(depth)), Arbitraries.of(true, false)).as(Tuple::of)
                .list().ofMinSize(1).ofMaxSize(maxFields)
                .map(fields -> {
                    List<StructField> named = new ArrayList<>();
                    for (int i = 0; i < fields.size(); i++) {
                        named.add(new StructField("c" + i, fields.get(i).get1(), fields.get(i).get2()));
                    }
                    return new StructType(named);
                });
    }

    public static Arbitrary<Object> values(DataType type, boolean nullable) {
        Arbitrary<Object> values = values(type);
        return nullable ? values.injectNull(0.2) : values;
    }

    /** Non-null values of {@code type}. */
    public static Arbitrary<Object> values(DataType type) {
        if (type instanceof StructType struct) {
            List<Arbitrary<Object>> fields = struct.fields().stream().map(f -> values(f.type(), f.nullable())).toList();
            return Combinators.combine(fields).as(List::toArray).map(a -> (Object) a);
        }
        if (type instanceof ArrayType array) {
            return values(array.elementType(), array.containsNull()).list().ofMaxSize(3)
                    .map(list -> (Object) new ArrayList<>(list));
        }
        if (type instanceof MapType map) {
            return Combinators.combine(values(map.keyType()), values(map.valueType(), map.valueContainsNull())).as(Tuple::of)
                    .list().ofMaxSize(3)
                    .map(entries -> {
                        Map<Object, Object> result = new LinkedHashMap<>();
                        entries.forEach(e -> result.put(e.get1(), e.get2()));
                        return result;
                    });
        }
        if (type instanceof DecimalType decimal) {
            BigInteger limit = BigInteger.TEN.pow(decimal.precision()).subtract(BigInteger.ONE);
            return Arbitraries.bigIntegers().between(limit.negate(), limit)
                    .map(unscaled -> new BigDecimal(unscaled, decimal.scale()));
        }
        return switch ((PrimitiveType) type) {
            case STRING -> strings().map(s -> s);
            case BINARY -> Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(b -> b);
            case BOOLEAN -> Arbitraries.of(true, false).map(b -> b);
            case BYTE -> Arbitraries.bytes().map(b -> b);
            case SHORT -> Arbitraries.shorts().map(s -> s);
            case INTEGER, DATE -> Arbitraries.integers().map(i -> i);
            case LONG, TIMESTAMP -> Arbitraries.longs().map(l -> l);
            case FLOAT -> Arbitraries.oneOf(Arbitraries.floats(),
                    Arbitraries.of(Float.NaN, -0.0f, 0.0f, Float.NEGATIVE_INFINITY, Float.MIN_VALUE)).map(f -> f);
            case DOUBLE -> Arbitraries.oneOf(Arbitraries.doubles(),
                    Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, -Double.MAX_VALUE)).map(d -> d);
        };
    }

    /** Well-formed strings (no lone surrogates: UTF-8 cannot hold them), including characters above U+FFFF. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(0x20, 0x7e)),
                        Tuple.of(1, Arbitraries.integers().between(0x80, 0xFFFF).filter(c -> c < 0xD800 || c > 0xDFFF)),
                        Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)))
                .list().ofMaxSize(6)
                .map(codePoints -> {
                    StringBuilder text = new StringBuilder();
                    codePoints.forEach(text::appendCodePoint);
                    return text.toString();
                });
    }

    /** Valid azof 0.2.1 layouts of 1 to 8 keys and 0 to 40 events, segments nested up to 3 deep. */
    public static Arbitrary<LegacyLayout> legacyLayouts() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 3))
                .as((seed, keys, events, depth) -> LegacyLayoutGenerator.generate(new LegacyLayoutGenerator.Settings(seed, keys, events, depth)));
    }

    /**
     * Histories of {@code minWrites} to {@code maxWrites} writes of 1 to {@code maxRowsPerWrite} rows each, drawn from 1 to
     * {@code maxKeys} keys; see {@link WriteHistoryGenerator.Settings} for {@code endsAmbiguous} and {@code evolvesSchema}.
     */
    public static Arbitrary<History> writeHistories(int minWrites, int maxWrites, int maxRowsPerWrite, int maxKeys,
                                                    boolean endsAmbiguous, boolean evolvesSchema) {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.integers().between(minWrites, maxWrites),
                        Arbitraries.integers().between(1, maxRowsPerWrite),
                        Arbitraries.integers().between(1, maxKeys))
                .as((seed, writes, rows, keys) -> WriteHistoryGenerator.generate(
                        new WriteHistoryGenerator.Settings(seed, writes, rows, keys, endsAmbiguous, evolvesSchema)));
    }
}
