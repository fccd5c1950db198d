package io.azof.core.io.parquet;

import io.azof.core.exceptions.SchemaMismatchException;
import io.azof.core.types.ArrayType;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Checks a file's Parquet schema against the columns a reader asks for and prunes it to exactly those
 * (in the asked order, nested struct fields included), so Parquet decodes nothing else.
 *
 * <p>Besides what {@link ParquetSchemas} writes it accepts what files written before a schema change hold
 * (see {@link io.azof.core.types.TypeWidening}): a number of a narrower type (byte, short, integer for a wider
 * integer; float for double; a decimal of the same scale and a smaller precision), and no column at all for a
 * column the caller allows to be absent. It also accepts what Spark and other writers produce for the
 * same values: timestamps as int64 TIMESTAMP in MILLIS or NANOS, or as Spark's default int96; a long
 * stored as int32; narrower signed integers for wider ones; strings without the STRING annotation (or
 * as ENUM/JSON); decimals of the same scale and no greater precision in any of Parquet's four physical
 * forms; lists with any names in the 3-level layout; maps whose repeated group has other names. Legacy
 * 2-level lists and repeated fields outside a LIST are refused. A column the file stores as optional is
 * accepted for a non-nullable one, as Spark accepts it: nullability is a property of the values, and
 * writers commonly mark every column optional.
 */
final class ParquetProjection {
    private ParquetProjection() {
    }

    /**
     * The projected columns' expected schema, the part of the file schema that holds them, and how the file
     * stores each.
     *
     * @param slots for each field of {@code requested}, its position in {@code schema} (columns the file lacks
     *     have no field there)
     * @param columns per projected column, in projected order
     */
    record Projection(StructType schema, MessageType requested, int[] slots, List<StoredColumn> columns) {
    }

    /**
     * @param absentAsNull columns the file may lack; each then reads as null (a column the table added after the
     *     file was written). Any other column missing from the file is a mismatch.
     * @throws IllegalArgumentException when a column is not in {@code expected} or is asked for twice
     * @throws SchemaMismatchException naming the file, the column and both types
     */
    static Projection project(String fileName, MessageType fileSchema, StructType expected, List<String> columns,
                              Set<String> absentAsNull) {
        List<StructField> fields = new ArrayList<>();
        List<Type> requested = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        List<StoredColumn> stored = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                throw new IllegalArgumentException("column '" + column + "' is asked for twice");
            }
            StructField field = expected.field(column).orElseThrow(() -> new IllegalArgumentException(
                    "column '" + column + "' is not in the table schema " + expected));
            if (!fileSchema.containsField(column)) {
                if (!absentAsNull.contains(column)) {
                    throw new SchemaMismatchException("Data file " + fileName + " has no column '" + column
                            + "', which the table schema declares as " + field.type());
                }
                stored.add(new StoredColumn(column, field.type(), null));
            } else {
                Type type = fileSchema.getType(column);
                requested.add(new Column(fileName, column, field.type(), type).resolve(field.type(), type, column));
                slots.add(fields.size());
                stored.add(new StoredColumn(column, field.type(), storedType(field.type(), type)));
            }
            fields.add(field);
        }
        return new Projection(new StructType(fields), new MessageType(fileSchema.getName(), requested),
                slots.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(stored));
    }

    /**
     * The type whose values a readable column holds: for a number declared wider than the file stores it (the
     * table widened it after the file was written), the narrower type; otherwise the declared type itself, whose
     * other physical forms (millisecond timestamps, unannotated strings) readers decode directly.
     */
    private static DataType storedType(DataType declared, Type type) {
        if (!type.isPrimitive()) {
            return declared;
        }
        org.apache.parquet.schema.PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        if (declared instanceof DecimalType && logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return new DecimalType(decimal.getPrecision(), decimal.getScale());
        }
        if (declared == PrimitiveType.DOUBLE && primitive.getPrimitiveTypeName() == PrimitiveTypeName.FLOAT) {
            return PrimitiveType.FLOAT;
        }
        if (declared == PrimitiveType.SHORT || declared == PrimitiveType.INTEGER || declared == PrimitiveType.LONG) {
            if (primitive.getPrimitiveTypeName() == PrimitiveTypeName.INT64) {
                return PrimitiveType.LONG;
            }
            int bits = logical instanceof IntLogicalTypeAnnotation integer ? integer.getBitWidth() : 32;
            return bits <= 8 ? PrimitiveType.BYTE : bits <= 16 ? PrimitiveType.SHORT : PrimitiveType.INTEGER;
        }
        return declared;
    }

    /** One top-level column being resolved; holds what a mismatch message names. */
    private record Column(String fileName, String name, DataType expected, Type stored) {

        /** The part of {@code type} that holds {@code want}, or a mismatch naming {@code path}. */
        Type resolve(DataType want, Type type, String path) {
            if (type.isRepetition(Type.Repetition.REPEATED)) {
                throw mismatch(path, want, type, "repeated fields outside a LIST group are not supported");
            }
            if (want instanceof StructType struct) {
                return resolveStruct(struct, type, path);
            }
            if (want instanceof ArrayType array) {
                return resolveList(array, type, path);
            }
            if (want instanceof MapType map) {
                return resolveMap(map, type, path);
            }
            if (type.isPrimitive() && readable(want, type.asPrimitiveType())) {
                return type;
            }
            throw mismatch(path, want, type, null);
        }

        private Type resolveStruct(StructType struct, Type type, String path) {
            if (type.isPrimitive() || type.getLogicalTypeAnnotation() != null) {
                throw mismatch(path, struct, type, null);
            }
            GroupType group = type.asGroupType();
            List<Type> fields = new ArrayList<>();
            for (StructField field : struct.fields()) {
                String fieldPath = path + "." + field.name();
                if (!group.containsField(field.name())) {
                    throw mismatch(fieldPath, field.type(), null, "the stored struct has no such field");
                }
                fields.add(resolve(field.type(), group.getType(field.name()), fieldPath));
            }
            return group.withNewFields(fields);
        }

        private Type resolveList(ArrayType array, Type type, String path) {
            if (type.isPrimitive() || !(type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
                throw mismatch(path, array, type, null);
            }
            GroupType list = type.asGroupType();
            GroupType repeated = repeatedGroup(list, 1);
            // Parquet's backward-compatibility rules: these names mark the 2-level layout, whose repeated
            // group is itself the element; reading it as 3-level would return the element's only field.
            if (repeated == null || repeated.getName().equals("array") || repeated.getName().endsWith("_tuple")) {
                throw mismatch(path, array, type, "only the 3-level LIST layout is supported");
            }
            Type element = resolve(array.elementType(), repeated.getType(0), path + "." + ParquetSchemas.LIST_ELEMENT);
            return list.withNewFields(repeated.withNewFields(element));
        }

        private Type resolveMap(MapType map, Type type, String path) {
            LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
            if (type.isPrimitive() || !(annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                    || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)) {
                throw mismatch(path, map, type, null);
            }
            GroupType group = type.asGroupType();
            GroupType keyValue = repeatedGroup(group, 2);
            if (keyValue == null) {
                throw mismatch(path, map, type, "a MAP must hold one repeated group of a key and a value");
            }
            Type key = resolve(map.keyType(), keyValue.getType(0), path + "." + ParquetSchemas.MAP_KEY);
            Type value = resolve(map.valueType(), keyValue.getType(1), path + "." + ParquetSchemas.MAP_VALUE);
            return group.withNewFields(keyValue.withNewFields(key, value));
        }

        /** The only field of {@code group} when it is a repeated group of {@code width} fields, else null. */
        private static GroupType repeatedGroup(GroupType group, int width) {
            if (group.getFieldCount() != 1) {
                return null;
            }
            Type only = group.getType(0);
            if (only.isPrimitive() || !only.isRepetition(Type.Repetition.REPEATED) || only.asGroupType().getFieldCount() != width) {
                return null;
            }
            return only.asGroupType();
        }

        private SchemaMismatchException mismatch(String path, DataType want, Type found, String reason) {
            StringBuilder message = new StringBuilder("Data file ").append(fileName).append(" stores column '").append(name)
                    .append("' as ").append(oneLine(stored)).append(", but the table schema declares it as ").append(expected);
            if (!path.equals(name) || reason != null) {
                message.append("; at ").append(path).append(": expected ").append(want);
                message.append(found == null ? "" : ", found " + oneLine(found));
                message.append(reason == null ? "" : " (" + reason + ")");
            }
            return new SchemaMismatchException(message.toString());
        }
    }

    private static boolean readable(DataType want, org.apache.parquet.schema.PrimitiveType type) {
        PrimitiveTypeName physical = type.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (want instanceof DecimalType decimal) {
            return logical instanceof DecimalLogicalTypeAnnotation stored
                    && stored.getScale() == decimal.scale()
                    && stored.getPrecision() <= decimal.precision()
                    && physical != PrimitiveTypeName.BOOLEAN && physical != PrimitiveTypeName.FLOAT
                    && physical != PrimitiveTypeName.DOUBLE && physical != PrimitiveTypeName.INT96;
        }
        return switch ((PrimitiveType) want) {
            case STRING -> physical == PrimitiveTypeName.BINARY && (logical == null
                    || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation);
            case BINARY -> physical == PrimitiveTypeName.BINARY && !(logical instanceof DecimalLogicalTypeAnnotation);
            case BOOLEAN -> physical == PrimitiveTypeName.BOOLEAN;
            case BYTE -> physical == PrimitiveTypeName.INT32 && signedIntOfAtMost(logical, 8, false);
            case SHORT -> physical == PrimitiveTypeName.INT32 && signedIntOfAtMost(logical, 16, false);
            case INTEGER -> physical == PrimitiveTypeName.INT32 && signedIntOfAtMost(logical, 32, true);
            case LONG -> (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64)
                    && signedIntOfAtMost(logical, 64, true);
            case FLOAT -> physical == PrimitiveTypeName.FLOAT;
            // A float column widened to double after the file was written.
            case DOUBLE -> physical == PrimitiveTypeName.DOUBLE || physical == PrimitiveTypeName.FLOAT;
            case DATE -> physical == PrimitiveTypeName.INT32 && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
            // Only UTC-adjusted instants: a local date-time (isAdjustedToUTC=false, Spark's timestamp_ntz)
            // read as an instant would shift by the writer's zone without any error.
            case TIMESTAMP -> physical == PrimitiveTypeName.INT96 && logical == null
                    || physical == PrimitiveTypeName.INT64 && logical instanceof TimestampLogicalTypeAnnotation timestamp
                    && timestamp.isAdjustedToUTC();
        };
    }

    private static boolean signedIntOfAtMost(LogicalTypeAnnotation logical, int bits, boolean plainAllowed) {
        if (logical == null) {
            return plainAllowed;
        }
        return logical instanceof IntLogicalTypeAnnotation integer && integer.isSigned() && integer.getBitWidth() <= bits;
    }

    private static String oneLine(Type type) {
        return type.toString().replaceAll("\\s+", " ").trim();
    }
}
