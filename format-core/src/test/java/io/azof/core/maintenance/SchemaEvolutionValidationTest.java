package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.Table;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.maintenance.ValidationProblem.Severity;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.SchemaChange.AddColumn;
import io.azof.core.metadata.SchemaChange.WidenColumn;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation of a table whose schema changed: files written before the change lack the added column and store the
 * widened one narrower, which readers accept, so validation must too; a file lacking a column that the version
 * which added it declared is damaged, and validation must still say so.
 */
class SchemaEvolutionValidationTest {
    private static final StructType BEFORE = StructType.of(
            new StructField("id", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("reading", PrimitiveType.INTEGER, true),
            new StructField("level", PrimitiveType.FLOAT, true));
    private static final StructType AFTER = StructType.of(
            new StructField("id", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("reading", PrimitiveType.LONG, true),
            new StructField("level", PrimitiveType.FLOAT, true),
            new StructField("note", PrimitiveType.STRING, true));
    /** Format version 2, whose snapshots list every file: these tests corrupt that listing in place. */
    private static final WriteOptions OPTIONS = WriteOptions.append().withFormatVersion(TableDefinition.LISTING_FORMAT).withKeyColumns("id").withEventTimeColumn("at");

    @TempDir
    Path dir;
    SeededTable table;

    /** Version 1 in the old schema, version 2 the alter, version 3 a file in the new schema. */
    @BeforeEach
    void writeTable() {
        table = new SeededTable(dir);
        Table writer = Table.forStorage(table.storage);
        writer.newWrite(OPTIONS).rows(BEFORE, List.<Object[]>of(new Object[] {"a", startOfDayMicros("2024-01-01"), 1, 0.5f}, new Object[] {"b", startOfDayMicros("2024-02-01"), 2, null})).commit();
        Table.forStorage(table.storage).alterSchema().changes(List.of(new WidenColumn("reading", PrimitiveType.LONG), AddColumn.nullable("note", PrimitiveType.STRING))).commit();
        writer.newWrite(OPTIONS).rows(AFTER, List.<Object[]>of(new Object[] {"c", startOfDayMicros("2024-01-03"), 3L, null, "new"})).commit();
    }

    private String fileAddedBy(long version) {
        Snapshot snapshot = Table.forStorage(table.storage).snapshot(version);
        return snapshot.segments().stream().flatMap(s -> s.deltas().stream())
                .filter(d -> d.stats().addedVersion() == version).findFirst().orElseThrow().file();
    }

    @Test
    void filesWrittenBeforeAChangeAreValid() {
        ValidationReport report = Table.forStorage(table.storage).validate(true);

        assertThat(report.problems()).as(report.toString()).isEmpty();
        assertThat(report.versionsChecked()).isEqualTo(3);
    }

    @Test
    void theyStayValidOnceTheVersionThatWroteThemIsExpired() {
        Table.forStorage(table.storage).expireVersions().retainLast(1).commit();

        ValidationReport report = Table.forStorage(table.storage).validate(true);

        assertThat(report.problems()).as(report.toString()).isEmpty();
    }

    @Test
    void aFileLackingAColumnItsOwnVersionDeclaredIsAnError() {
        String file = fileAddedBy(3);
        StructType withNote = DataFileSchema.of(Table.forStorage(table.storage).latestSnapshot().table());
        List<StructField> fields = new ArrayList<>(withNote.fields());
        int note = withNote.fieldIndex("note");
        fields.remove(note);
        table.rewrite(file, new StructType(fields), table.records(file, withNote).stream().map(row -> {
            List<Object> values = new ArrayList<>(Arrays.asList(row));
            values.remove(note);
            return values.toArray();
        }).toList());

        ValidationReport report = Table.forStorage(table.storage).validate();

        assertThat(report.problems()).as(report.toString()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.FILE_SCHEMA_MISMATCH);
            assertThat(problem.severity()).isEqualTo(Severity.ERROR);
            assertThat(problem.location()).endsWith("(" + file + ")");
            assertThat(problem.message()).isEqualTo("column 'note' is missing, but version 3, which added this file, declares it (string);"
                    + " readers read it as null, losing the values written");
        });
    }

    @Test
    void aFileStoringAColumnInATypeThatDoesNotWidenIsStillAnError() {
        String file = fileAddedBy(3);
        StructType written = DataFileSchema.of(Table.forStorage(table.storage).latestSnapshot().table());
        List<StructField> fields = new ArrayList<>(written.fields());
        int reading = written.fieldIndex("reading");
        fields.set(reading, new StructField("reading", PrimitiveType.STRING, true));
        table.rewrite(file, new StructType(fields), table.records(file, written).stream().map(row -> {
            row[reading] = String.valueOf(row[reading]);
            return row;
        }).toList());

        ValidationReport report = Table.forStorage(table.storage).validate();

        assertThat(report.problems()).as(report.toString()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.FILE_SCHEMA_MISMATCH);
            assertThat(problem.severity()).isEqualTo(Severity.ERROR);
            assertThat(problem.message()).contains("column 'reading'", "as optional binary reading (STRING)", "declares it as long");
        });
    }

    @Test
    void anAlterThatIsNotAnAllowedEvolutionIsAWarning() {
        // As if version 2's alter had declared 'level' not null: values written as null before would break it.
        table.editSnapshot(2, root -> root.findParents("name").stream()
                .filter(field -> field.get("name").asText().equals("level"))
                .forEach(field -> ((ObjectNode) field).put("nullable", false)));

        ValidationReport report = Table.forStorage(table.storage).validate();

        assertThat(report.problems()).as(report.toString()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Kind.TABLE_DEFINITION_CHANGED);
            assertThat(problem.location()).isEqualTo("s2.json table");
            assertThat(problem.message()).contains("column 'level' became not null", "in an 'alter' commit");
        });
    }
}
