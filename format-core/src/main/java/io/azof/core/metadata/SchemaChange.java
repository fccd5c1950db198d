package io.azof.core.metadata;

import io.azof.core.types.DataType;
import java.util.Objects;

/**
 * One change to a table's schema, as {@code ALTER TABLE} asks for it (see {@link SchemaChanges} for what is
 * allowed and why). Column names are top-level columns; nested struct fields cannot be named.
 */
public sealed interface SchemaChange {
    /** The column the change is about, as the caller spelled it. */
    String column();

    /**
     * Adds a payload column after the existing ones. Rows written before have no value in it and read as null,
     * so it must be nullable.
     */
    record AddColumn(String column, DataType type, boolean nullable) implements SchemaChange {
        public AddColumn {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(type, "type");
        }

        /** A nullable column, the only kind that can be added. */
        public static AddColumn nullable(String column, DataType type) {
            return new AddColumn(column, type, true);
        }
    }

    /** Changes a payload column's type to a wider one ({@link io.azof.core.types.TypeWidening}). */
    record WidenColumn(String column, DataType type) implements SchemaChange {
        public WidenColumn {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Lets a payload column declared not null hold nulls from now on (Spark's {@code DROP NOT NULL}). */
    record MakeNullable(String column) implements SchemaChange {
        public MakeNullable {
            Objects.requireNonNull(column, "column");
        }
    }

    /** Always refused, with the reason: data files store columns by name (see {@link SchemaChanges}). */
    record RenameColumn(String column, String newName) implements SchemaChange {
        public RenameColumn {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(newName, "newName");
        }
    }

    /** Always refused, with the reason: data files store columns by name (see {@link SchemaChanges}). */
    record DropColumn(String column) implements SchemaChange {
        public DropColumn {
            Objects.requireNonNull(column, "column");
        }
    }
}
