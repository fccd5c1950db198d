package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.Table;
import io.azof.core.io.parquet.LegacyDataFileWriter;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.maintenance.ValidationProblem.Severity;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.EventHistory;
import io.azof.core.testing.LegacyLayout;
import io.azof.core.testing.LegacyTableWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation of azof 0.2.1 tables: a nested segment tree with bases and deltas, valid as written, then
 * corrupted one way per test.
 */
class LegacyTableValidationTest {
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("value", ColumnType.STRING, false),
            new Column("amount", ColumnType.INT, true)));

    @TempDir
    Path dir;
    SeededTable table;

    private static Object[] row(String key, String time, String value) {
        return new Object[] {key, micros(time), value, 1L};
    }

    /**
     * 2024 (closed, base at its start) with halves as children, each with a delta; 2025 open, with a base and a
     * delta. Within each file a key's rows are newest first.
     */
    @BeforeEach
    void writeTable() throws IOException {
        table = new SeededTable(dir);
        Segment firstHalf = new Segment("2024-h1", micros("2024-01-01T00:00:00Z"), micros("2024-06-30T23:59:59.999Z"), null,
                List.of(new DeltaFile("h1.parquet", micros("2024-01-01T00:00:00Z"), micros("2024-06-30T23:59:59.999Z"))), List.of());
        Segment secondHalf = new Segment("2024-h2", micros("2024-07-01T00:00:00Z"), micros("2024-12-31T23:59:59.999Z"), null,
                List.of(new DeltaFile("h2.parquet", micros("2024-07-01T00:00:00Z"), micros("2024-12-31T23:59:59.999Z"))), List.of());
        Segment year = new Segment("2024", micros("2024-01-01T00:00:00Z"), micros("2024-12-31T23:59:59.999Z"), "base2024.parquet",
                List.of(), List.of(firstHalf, secondHalf));
        Segment current = new Segment("2025", micros("2025-01-01T00:00:00Z"), null, "base2025.parquet",
                List.of(new DeltaFile("d2025.parquet", micros("2025-01-01T00:00:00Z"), micros("2025-12-31T23:59:59.999Z"))), List.of());
        Map<String, List<Object[]>> files = new LinkedHashMap<>();
        files.put("base2024.parquet", List.<Object[]>of(row("a", "2024-01-01T00:00:00Z", "a0"), row("b", "2023-06-01T00:00:00Z", "b0")));
        files.put("h1.parquet", List.<Object[]>of(row("a", "2024-03-01T00:00:00Z", "a2"), row("c", "2024-04-01T00:00:00Z", "c1"),
                row("a", "2024-02-01T00:00:00Z", "a1")));
        files.put("h2.parquet", List.<Object[]>of(row("b", "2024-08-01T00:00:00Z", "b1")));
        files.put("base2025.parquet", List.<Object[]>of(row("a", "2024-03-01T00:00:00Z", "a2"), row("b", "2024-08-01T00:00:00Z", "b1"),
                row("c", "2024-04-01T00:00:00Z", "c1")));
        files.put("d2025.parquet", List.<Object[]>of(row("a", "2025-02-01T00:00:00Z", "a3")));
        LegacyTableWriter.write(new LegacyLayout("hand-made", new EventHistory(SCHEMA, List.of()), new Snapshot(1, SCHEMA,
                List.of(year, current)), files), table.storage);
    }

    private void rewrite(String file, Object[]... rows) throws IOException {
        try (LegacyDataFileWriter writer = LegacyDataFileWriter.create(table.storage, file, SCHEMA)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
    }

    private static ObjectNode segment(ObjectNode root, int... path) {
        ObjectNode node = root;
        for (int index : path) {
            node = (ObjectNode) node.get("segments").get(index);
        }
        return node;
    }

    @Test
    void validTableHasNoProblems() {
        ValidationReport shallow = Table.forStorage(table.storage).validate();
        ValidationReport deep = Table.forStorage(table.storage).validate(true);

        assertThat(shallow.problems()).as(shallow.toString()).isEmpty();
        assertThat(deep.problems()).as(deep.toString()).isEmpty();
        assertThat(deep.filesChecked()).isEqualTo(5);
        assertThat(deep.versionsChecked()).isEqualTo(1);
    }

    @Test
    void childSegmentReachingPastItsParentIsReported() {
        table.editSnapshot(1, root -> segment(root, 0, 1).put("end", "2025-01-31T23:59:59.999Z"));

        ValidationReport report = Table.forStorage(table.storage).validate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SEGMENT_OUTSIDE_PARENT);
            assertThat(p.location()).isEqualTo("s1.json segments[0].segments[1] (2024-h2)");
            assertThat(p.message()).isEqualTo("range [2024-07-01T00:00:00Z, 2025-01-31T23:59:59.999Z] is not inside the range"
                    + " [2024-01-01T00:00:00Z, 2024-12-31T23:59:59.999Z] of its parent segments[0] (2024)");
        });
    }

    @Test
    void overlappingTopLevelSegmentsAreReported() {
        table.editSnapshot(1, root -> segment(root, 0).put("end", "2025-01-15T00:00:00.000Z"));

        ValidationReport report = Table.forStorage(table.storage).validate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SEGMENTS_OVERLAP);
            assertThat(p.location()).isEqualTo("s1.json segments[1] (2025)");
            assertThat(p.message()).contains("overlaps the range [2024-01-01T00:00:00Z, 2025-01-15T00:00:00Z] of its sibling segments[0] (2024)");
        });
    }

    @Test
    void repeatedSegmentIdIsReported() {
        table.editSnapshot(1, root -> segment(root, 1).put("id", "2024-h1"));

        assertThat(Table.forStorage(table.storage).validate().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.DUPLICATE_SEGMENT_ID);
            assertThat(p.location()).isEqualTo("s1.json segments[1] (2024-h1)");
        });
    }

    @Test
    void deltaEndingBeforeItStartsIsABadRange() {
        table.editSnapshot(1, root -> ((ObjectNode) segment(root, 0, 0).get("delta").get(0)).put("start", "2024-06-30T23:59:59.999Z")
                .put("end", "2024-01-01T00:00:00.000Z"));

        ValidationReport report = Table.forStorage(table.storage).validate();

        assertThat(report.problemsOf(Kind.BAD_RANGE)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("s1.json segments[0].segments[0].delta[0] (h1.parquet)");
            assertThat(p.message()).isEqualTo("start 2024-06-30T23:59:59.999Z is after end 2024-01-01T00:00:00Z");
        });
    }

    @Test
    void deltaFileWithRowsOutsideItsRangeIsFoundFromTheFooter() throws IOException {
        rewrite("h2.parquet", row("b", "2024-08-01T00:00:00Z", "b1"), row("d", "2024-05-01T00:00:00Z", "early"));

        ValidationReport report = Table.forStorage(table.storage).validate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_OUTSIDE_SEGMENT);
            assertThat(p.location()).isEqualTo("s1.json segments[0].segments[1].delta[0] (h2.parquet)");
            assertThat(p.message()).isEqualTo("the file holds event times [2024-05-01T00:00:00Z, 2024-08-01T00:00:00Z] (from the Parquet"
                    + " footer's statistics), but the records of this delta must lie inside its delta range and segment"
                    + " [2024-07-01T00:00:00Z, 2024-12-31T23:59:59.999Z]");
        });
    }

    @Test
    void baseWithRowsAfterItsSegmentStartIsReported() throws IOException {
        rewrite("base2025.parquet", row("a", "2024-03-01T00:00:00Z", "a2"), row("b", "2025-01-02T00:00:00Z", "too late"));

        assertThat(Table.forStorage(table.storage).validate().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_OUTSIDE_SEGMENT);
            assertThat(p.location()).isEqualTo("s1.json segments[1].file (base2025.parquet)");
            assertThat(p.message()).endsWith("must lie at or before its segment's start 2025-01-01T00:00:00Z");
        });
    }

    @Test
    void keysRowsOldestFirstAreOutOfOrderForADeepValidation() throws IOException {
        rewrite("h1.parquet", row("a", "2024-02-01T00:00:00Z", "a1"), row("c", "2024-04-01T00:00:00Z", "c1"),
                row("a", "2024-03-01T00:00:00Z", "a2"));

        assertThat(Table.forStorage(table.storage).validate().problems()).isEmpty();
        assertThat(Table.forStorage(table.storage).validate(true).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_NOT_SORTED);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.location()).isEqualTo("s1.json segments[0].segments[0].delta[0] (h1.parquet)");
            assertThat(p.message()).startsWith("row 3 of key 'a' at 2024-03-01T00:00:00Z follows row 1 of that key at the earlier"
                    + " 2024-02-01T00:00:00Z");
        });
    }

    @Test
    void differingRowsOfOneKeyAndTimeAreAWarning() throws IOException {
        rewrite("h1.parquet", row("a", "2024-03-01T00:00:00Z", "a2"), row("a", "2024-03-01T00:00:00Z", "a2 again"),
                row("c", "2024-04-01T00:00:00Z", "c1"), row("c", "2024-04-01T00:00:00Z", "c1"), row("a", "2024-02-01T00:00:00Z", "a1"));

        ValidationReport deep = Table.forStorage(table.storage).validate(true);

        assertThat(deep.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CONFLICTING_ROWS);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).startsWith("1 key and event time has differing rows in this file")
                    .endsWith("key 'a' at 2024-03-01T00:00:00Z: rows 1 [a, 2024-03-01T00:00:00Z, a2, 1] and 2 [a, 2024-03-01T00:00:00Z,"
                            + " a2 again, 1]");
        });
        assertThat(deep.isValid()).isTrue();
    }
}
