package io.azof.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidSchemaChangeException;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.SchemaChange.AddColumn;
import io.azof.core.metadata.SchemaChange.DropColumn;
import io.azof.core.metadata.SchemaChange.MakeNullable;
import io.azof.core.metadata.SchemaChange.RenameColumn;
import io.azof.core.metadata.SchemaChange.WidenColumn;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules of schema changes: what each allowed change makes of a definition, and how each refusal reads. */
class SchemaChangesTest {
    private static final TableDefinition TABLE = TableDefinition.create(List.of("region", "sensor"), "at", StructType.of(
                    new StructField("region", PrimitiveType.STRING, false),
                    new StructField("sensor", PrimitiveType.INTEGER, false),
                    new StructField("at", PrimitiveType.TIMESTAMP, false),
                    new StructField("reading", PrimitiveType.INTEGER, false),
                    new StructField("level", PrimitiveType.FLOAT, true),
                    new StructField("cost", new DecimalType(7, 2), true)),
            SegmentGranularity.MONTH, 8);

    private static TableDefinition apply(SchemaChange... changes) {
        return SchemaChanges.apply(TABLE, List.of(changes));
    }

    private static StructType schemaOf(StructField... fields) {
        return new StructType(List.of(fields));
    }

    @Test
    void allowedChangesKeepKeyTimeAndLayoutAndChangeOnlyTheirColumn() {
        TableDefinition changed = apply(
                new AddColumn("note", PrimitiveType.STRING, true),
                new WidenColumn("reading", PrimitiveType.LONG),
                new WidenColumn("level", PrimitiveType.DOUBLE),
                new WidenColumn("cost", new DecimalType(20, 2)),
                new MakeNullable("reading"));

        assertThat(changed.schema()).isEqualTo(schemaOf(
                new StructField("region", PrimitiveType.STRING, false),
                new StructField("sensor", PrimitiveType.INTEGER, false),
                new StructField("at", PrimitiveType.TIMESTAMP, false),
                new StructField("reading", PrimitiveType.LONG, true),
                new StructField("level", PrimitiveType.DOUBLE, true),
                new StructField("cost", new DecimalType(20, 2), true),
                new StructField("note", PrimitiveType.STRING, true)));
        assertThat(changed.keyColumns()).containsExactly("region", "sensor");
        assertThat(changed.eventTimeColumn()).isEqualTo("at");
        assertThat(changed.granularity()).isEqualTo(SegmentGranularity.MONTH);
        assertThat(changed.buckets()).isEqualTo(8);
    }

    @Test
    void changesApplyInOrderSoALaterOneSeesAnEarlierOne() {
        TableDefinition changed = apply(new AddColumn("count", PrimitiveType.SHORT, true), new WidenColumn("count", PrimitiveType.LONG));
        assertThat(changed.schema().field("count")).contains(new StructField("count", PrimitiveType.LONG, true));
        assertThat(changed.schema().fieldNames()).endsWith("count");
    }

    @Test
    void changesThatChangeNothingLeaveTheDefinitionEqual() {
        assertThat(apply(new WidenColumn("reading", PrimitiveType.INTEGER), new MakeNullable("level"))).isEqualTo(TABLE);
        assertThat(apply()).isEqualTo(TABLE);
    }

    @Test
    void aColumnIsFoundIgnoringCaseAsSparkFindsIt() {
        assertThat(apply(new WidenColumn("READING", PrimitiveType.LONG)).schema().field("reading").orElseThrow().type())
                .isEqualTo(PrimitiveType.LONG);
    }

    @Test
    void anUnknownColumnIsNamedWithTheColumnsThereAre() {
        assertThatThrownBy(() -> apply(new WidenColumn("pressure", PrimitiveType.LONG)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("The table has no column 'pressure'; its columns are [region, sensor, at, reading, level, cost]");
    }

    @Test
    void addingANameThatExistsIgnoringCaseIsRefused() {
        assertThatThrownBy(() -> apply(new AddColumn("Level", PrimitiveType.DOUBLE, true)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot add column 'Level' (double): the table already has a column 'level' (float); column names are"
                        + " compared case-insensitively, as Spark compares them");
        assertThatThrownBy(() -> apply(new AddColumn("sensor", PrimitiveType.STRING, true)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot add column 'sensor' (string): the table already has a column 'sensor' (integer)");
        assertThatThrownBy(() -> apply(new AddColumn("x", PrimitiveType.STRING, true), new AddColumn("X", PrimitiveType.LONG, true)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot add column 'X' (long): the table already has a column 'x' (string)");
    }

    @Test
    void addingANotNullColumnIsRefusedBecauseOldRowsHaveNoValue() {
        assertThatThrownBy(() -> apply(new AddColumn("note", PrimitiveType.STRING, false)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot add column 'note' (string) as not null: the rows already in the table have no value for it and read"
                        + " it as null. Add it as a nullable column");
    }

    @Test
    void addingAReservedOrEmptyNameIsRefused() {
        assertThatThrownBy(() -> apply(new AddColumn("_AZOF_version", PrimitiveType.LONG, true)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageContaining("Cannot add column '_AZOF_version' (long): names starting with '_azof_' are reserved");
        assertThatThrownBy(() -> apply(new AddColumn(" ", PrimitiveType.LONG, true)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot add a column with an empty name (long)");
    }

    @Test
    void narrowingNamesTheColumnBothTypesAndWhatIsAllowed() {
        TableDefinition wide = apply(new WidenColumn("reading", PrimitiveType.LONG));
        assertThatThrownBy(() -> SchemaChanges.apply(wide, List.of(new WidenColumn("reading", PrimitiveType.INTEGER))))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot change column 'reading' from long to integer: that narrows it, and values already written may not"
                        + " fit. Allowed: byte -> short -> integer -> long, float -> double, decimal(p,s) -> decimal(p',s) with a larger"
                        + " precision p' and the same scale s");
        assertThatThrownBy(() -> apply(new WidenColumn("cost", new DecimalType(6, 2))))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot change column 'cost' from decimal(7,2) to decimal(6,2): that narrows it");
    }

    @Test
    void otherTypeChangesNameTheColumnAndBothTypes() {
        assertThatThrownBy(() -> apply(new WidenColumn("reading", PrimitiveType.STRING)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot change column 'reading' from integer to string: only widening changes are possible,"
                        + " because data files already written keep their type. Allowed: byte -> short");
        assertThatThrownBy(() -> apply(new WidenColumn("reading", PrimitiveType.DOUBLE)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot change column 'reading' from integer to double: only widening changes are possible");
        assertThatThrownBy(() -> apply(new WidenColumn("cost", new DecimalType(9, 4))))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot change column 'cost' from decimal(7,2) to decimal(9,4): only widening changes");
    }

    @Test
    void keyAndEventTimeColumnsNeverChange() {
        assertThatThrownBy(() -> apply(new WidenColumn("sensor", PrimitiveType.LONG)))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot change the type of key column 'sensor' from integer to long: key and event-time columns never change,"
                        + " because every data file is bucketed, sorted and pruned by them");
        assertThatThrownBy(() -> apply(new MakeNullable("at")))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot make event-time column 'at' nullable: key and event-time columns never change, because every data"
                        + " file is bucketed, sorted and pruned by them, and they are never null");
        assertThatThrownBy(() -> apply(new DropColumn("region")))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot drop key column 'region': key and event-time columns never change");
        assertThatThrownBy(() -> apply(new RenameColumn("at", "ts")))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessageStartingWith("Cannot rename event-time column 'at' to 'ts'");
    }

    @Test
    void renameAndDropAreRefusedBecauseFilesStoreColumnsByName() {
        assertThatThrownBy(() -> apply(new RenameColumn("level", "depth")))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot rename column 'level' to 'depth': data files store columns by name, so the files written before"
                        + " would have no column 'depth' and read it as null. Renaming needs column ids, which azof's format version 2"
                        + " does not have; add a new column instead");
        assertThatThrownBy(() -> apply(new DropColumn("level")))
                .isInstanceOf(InvalidSchemaChangeException.class)
                .hasMessage("Cannot drop column 'level': data files store columns by name, so a column added later under this name"
                        + " would show the dropped values from the files written before. Dropping needs column ids, which azof's"
                        + " format version 2 does not have");
    }

    @Test
    void azof021TablesAreNeverGivenToIt() {
        // Callers refuse azof 0.2.1 tables with LegacyTableException first (TableTest); this is the guard behind them.
        TableDefinition legacy = TableDefinition.legacy(new TableSchema(List.of(new Column("revenue", ColumnType.INT, true))));
        assertThatThrownBy(() -> SchemaChanges.apply(legacy, List.of(new AddColumn("note", PrimitiveType.STRING, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("azof 0.2.1 tables are read-only");
    }

    @Test
    void anEvolutionIsWhatTheAllowedChangesCanMake() {
        TableDefinition evolved = apply(new AddColumn("note", PrimitiveType.STRING, true), new WidenColumn("reading", PrimitiveType.LONG),
                new MakeNullable("reading"));
        assertThat(SchemaChanges.isEvolution(TABLE, evolved)).isTrue();
        assertThat(SchemaChanges.isEvolution(TABLE, TABLE)).isTrue();
        assertThat(SchemaChanges.isEvolution(evolved, TABLE)).as("back: a dropped column, a narrowing, a new not-null").isFalse();
    }

    @Test
    void whatNoChangeCanMakeIsNoEvolution() {
        List<StructField> fields = TABLE.schema().fields();
        TableDefinition reordered = withSchema(fields.get(0), fields.get(1), fields.get(2), fields.get(4), fields.get(3), fields.get(5));
        TableDefinition notNullAdded = withSchema(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4), fields.get(5),
                new StructField("note", PrimitiveType.STRING, false));
        TableDefinition otherBuckets = new TableDefinition(TableDefinition.FORMAT_VERSION, TABLE.keyColumns(), TABLE.eventTimeColumn(),
                TABLE.schema(), TABLE.granularity(), 4, TABLE.autoCompaction());
        assertThat(SchemaChanges.isEvolution(TABLE, reordered)).isFalse();
        assertThat(SchemaChanges.isEvolution(TABLE, notNullAdded)).isFalse();
        assertThat(SchemaChanges.isEvolution(TABLE, otherBuckets)).isFalse();
    }

    @Test
    void differencesNameEachChangedColumn() {
        TableDefinition evolved = apply(new AddColumn("note", PrimitiveType.STRING, true), new WidenColumn("reading", PrimitiveType.LONG),
                new MakeNullable("reading"));
        assertThat(SchemaChanges.differences(TABLE.schema(), evolved.schema())).containsExactly(
                "column 'reading' widened from integer to long", "column 'reading' became nullable", "column 'note' (string) added");
        assertThat(SchemaChanges.differences(evolved.schema(), TABLE.schema())).containsExactly(
                "column 'reading' changed from long to integer", "column 'reading' became not null", "column 'note' (string) removed");
    }

    private static TableDefinition withSchema(StructField... fields) {
        return TABLE.withSchema(schemaOf(fields));
    }
}
