package io.azof.core.maintenance;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.Table;
import io.azof.core.maintenance.SeededTable.Entry;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.maintenance.ValidationProblem.Severity;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation of format version 2 tables written by {@link TableWriter}: a clean table has no problem, and each
 * kind of corruption seeded into it is reported with its kind and location.
 */
class TableValidatorTest {
    private static final StructType INPUT = StructType.of(
            new StructField("ticker", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("price", PrimitiveType.LONG, false),
            new StructField("note", PrimitiveType.STRING, true),
            new StructField("gone", PrimitiveType.BOOLEAN, true));
    /** Format version 2, whose snapshots list every file: these tests corrupt that listing in place. */
    private static final WriteOptions OPTIONS = WriteOptions.append().withFormatVersion(TableDefinition.LISTING_FORMAT)
            .withKeyColumns("ticker").withEventTimeColumn("at").withDeleteColumn("gone");
    private static final List<String> TICKERS = List.of("ACME", "BETA", "CORP", "DYNA", "EXXO", "FORD", "GOOG", "HALO", "IBEX", "JOLT");

    @TempDir
    Path dir;
    SeededTable table;

    private static Object[] row(String ticker, String day, long price) {
        return new Object[] {ticker, startOfDayMicros(day), price, null, false};
    }

    /**
     * Three versions: every ticker in January and February; a late January row and a March delete; more
     * February rows. Segments 2024-01, 2024-02 and 2024-03, several files per segment (4 buckets).
     */
    @BeforeEach
    void writeTable() {
        table = new SeededTable(dir);
        Table writer = Table.forStorage(table.storage);
        List<Object[]> first = new ArrayList<>();
        for (int i = 0; i < TICKERS.size(); i++) {
            first.add(row(TICKERS.get(i), "2024-01-05", 10 + i));
            first.add(row(TICKERS.get(i), "2024-02-10", 20 + i));
            first.add(row(TICKERS.get(i), "2024-01-" + (10 + i), 30 + i));
        }
        writer.newWrite(OPTIONS).rows(INPUT, first).commit();
        writer.newWrite(OPTIONS).rows(INPUT, List.of(row("ACME", "2024-01-20", 11), new Object[] {"BETA", startOfDayMicros("2024-03-01"), null, null, true})).commit();
        writer.newWrite(OPTIONS).rows(INPUT, List.of(row("CORP", "2024-02-20", 99), row("DYNA", "2024-02-21", 98))).commit();
    }

    private ValidationReport validate() {
        return Table.forStorage(table.storage).validate();
    }

    private ValidationReport validateDeep() {
        return Table.forStorage(table.storage).validate(true);
    }

    private TableDefinition definition() {
        return Table.forStorage(table.storage).latestSnapshot().table();
    }

    /** The problem of that kind at that location; fails showing the whole report when there is none. */
    private static ValidationProblem problem(ValidationReport report, Kind kind, String location) {
        assertThat(report.problems()).as(report.toString())
                .anySatisfy(p -> assertThat(p.kind() + " at " + p.location()).isEqualTo(kind + " at " + location));
        return report.problems().stream().filter(p -> p.kind() == kind && p.location().equals(location)).findFirst().orElseThrow();
    }

    /** A January delta added by version 1 holding at least {@code rows} records. */
    private Entry januaryFileWithRows(long version, int rows) {
        ObjectNode root = table.snapshot(version);
        for (int i = 0; ; i++) {
            Entry entry = SeededTable.entry(version, root, "2024-01", "delta", i);
            if (entry.node().get("rows").asLong() >= rows && entry.node().get("added_version").asLong() == 1) {
                return entry;
            }
        }
    }

    @Test
    void cleanTableHasNoProblems() {
        ValidationReport shallow = validate();
        ValidationReport deep = validateDeep();

        assertThat(shallow.problems()).as(shallow.toString()).isEmpty();
        assertThat(deep.problems()).as(deep.toString()).isEmpty();
        assertThat(deep.isValid()).isTrue();
        assertThat(deep.versionsChecked()).isEqualTo(3);
        long files = table.snapshot(3).findValues("file").size();
        assertThat(deep.filesChecked()).isEqualTo(files).isGreaterThan(6);
        assertThat(deep.toString()).isEqualTo("valid: 0 errors, 0 warnings in 3 versions and " + files + " data files checked");
    }

    @Test
    void directoryWithoutSnapshotsIsNotATable(@TempDir Path empty) {
        ValidationReport report = Table.forStorage(SeededTable.storage(empty)).validate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.NO_SNAPSHOT);
            assertThat(p.location()).isEqualTo(SeededTable.storage(empty).tableLocation());
        });
        assertThat(report.isValid()).isFalse();
    }

    @Test
    void deletedSnapshotIsAGapInTheVersions() {
        table.delete("s2.json");

        ValidationReport report = validate();

        assertThat(problem(report, Kind.VERSION_GAP, "s2.json").message()).startsWith("version 2 has no snapshot file, but versions 1 and 3 do");
        assertThat(report.problems()).extracting(ValidationProblem::kind).containsOnly(Kind.VERSION_GAP);
    }

    @Test
    void unparsableSnapshotNamesTheParseError() {
        table.write("s2.json", "{\"format_version\": 2, \"version\": ");

        ValidationReport report = validate();

        assertThat(problem(report, Kind.SNAPSHOT_UNREADABLE, "s2.json").message()).contains("s2.json", "is not valid JSON");
        assertThat(report.isValid()).isFalse();
    }

    @Test
    void snapshotMissingARequiredFieldNamesTheField() {
        table.editSnapshot(3, root -> root.remove("committed_at"));

        assertThat(problem(validate(), Kind.SNAPSHOT_UNREADABLE, "s3.json").message()).contains("required field committed_at is missing");
    }

    @Test
    void commitTimeGoingBackIsReported() {
        String first = table.snapshot(1).get("committed_at").asText();
        table.editSnapshot(3, root -> root.put("committed_at", first));

        ValidationReport report = validate();

        assertThat(problem(report, Kind.COMMIT_TIME_ORDER, "s3.json committed_at").message()).contains("is not after");
        assertThat(report.problems()).extracting(ValidationProblem::kind).containsOnly(Kind.COMMIT_TIME_ORDER);
    }

    @Test
    void definitionChangedByAnAppendBeyondASchemaEvolutionIsAWarning() {
        // Declaring price nullable at version 2 is an evolution an append may make (mergeSchema); version 3 declaring
        // it not null again is not: values written as null in between would break it. No data file changes.
        table.editSnapshot(2, root -> root.findParents("name").stream()
                .filter(field -> field.get("name").asText().equals("price"))
                .forEach(field -> ((ObjectNode) field).put("nullable", true)));

        ValidationReport report = validateDeep();

        ValidationProblem changed = problem(report, Kind.TABLE_DEFINITION_CHANGED, "s3.json table");
        assertThat(changed.severity()).isEqualTo(Severity.WARNING);
        assertThat(changed.message()).contains("column 'price' became not null", "an 'append' commit");
        assertThat(report.problems()).singleElement().isSameAs(changed);
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void missingHintIsAWarning() {
        table.delete("version.txt");

        ValidationReport report = validate();

        assertThat(problem(report, Kind.VERSION_HINT, "version.txt").severity()).isEqualTo(Severity.WARNING);
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void hintBehindTheLatestVersionIsAWarning() {
        table.write("version.txt", "2");

        ValidationProblem hint = problem(validate(), Kind.VERSION_HINT, "version.txt");

        assertThat(hint.severity()).isEqualTo(Severity.WARNING);
        assertThat(hint.message()).isEqualTo("names version 2 but the latest is 3; readers probe past it");
    }

    @Test
    void unreadableHintIsAWarning() {
        table.write("version.txt", "three");

        assertThat(problem(validate(), Kind.VERSION_HINT, "version.txt").severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void hintNamingAVersionThatDoesNotExistIsAnError() {
        table.write("version.txt", "7");

        ValidationReport report = validate();

        assertThat(problem(report, Kind.VERSION_HINT, "version.txt").severity()).isEqualTo(Severity.ERROR);
        assertThat(report.isValid()).isFalse();
    }

    @Test
    void segmentThatIsNotItsCalendarPeriodIsReported() {
        table.editSnapshot(3, root -> ((ObjectNode) root.get("segments").get(1)).put("id", "february"));

        ValidationProblem problem = problem(validate(), Kind.SEGMENT_LAYOUT, "s3.json segments[1] (february)");

        assertThat(problem.message()).contains("expected id '2024-02'");
    }

    @Test
    void reversedRecordedEventTimesAreABadRange() {
        ObjectNode root = table.snapshot(3);
        Entry entry = SeededTable.entry(3, root, "2024-01", "delta", 0);
        String min = entry.node().get("min_event_time").asText();
        entry.node().put("min_event_time", entry.node().get("max_event_time").asText()).put("max_event_time", min);
        table.writeSnapshot(3, root);

        assertThat(problem(validate(), Kind.BAD_RANGE, entry.location()).message()).contains("min_event_time", "is after max_event_time");
    }

    @Test
    void deltaRangeReachingPastItsSegmentIsReported() {
        ObjectNode root = table.snapshot(3);
        Entry entry = SeededTable.entry(3, root, "2024-01", "delta", 0);
        entry.node().put("end", "2024-02-15T00:00:00.000000Z");
        table.writeSnapshot(3, root);

        ValidationReport report = validate();

        assertThat(problem(report, Kind.FILE_OUTSIDE_SEGMENT, entry.location()).message()).contains("is not inside its segment's range");
        assertThat(report.problems()).extracting(ValidationProblem::kind).containsOnly(Kind.FILE_OUTSIDE_SEGMENT);
    }

    @Test
    void fileHoldingRecordsOfAnotherSegmentIsReported() {
        // The January entry keeps its statistics but names a February file: the file's own event times give it away.
        ObjectNode root = table.snapshot(1);
        Entry january = SeededTable.entry(1, root, "2024-01", "delta", 0);
        Entry february = SeededTable.entry(1, root, "2024-02", "delta", 0);
        january.node().put("file", february.file());
        table.writeSnapshot(1, root);
        String location = "s1.json segments[0].delta[0] (" + february.file() + ")";

        ValidationProblem problem = problem(validateDeep(), Kind.FILE_OUTSIDE_SEGMENT, location);

        assertThat(problem.message()).contains("the file holds event times [2024-02", "(from the records)",
                "must lie inside its delta range and segment [2024-01-01T00:00:00Z, 2024-01-31T23:59:59.999999Z]");
    }

    @Test
    void recordedBucketOutsideTheTableIsReported() {
        ObjectNode root = table.snapshot(3);
        Entry entry = SeededTable.entry(3, root, "2024-02", "delta", 0);
        entry.node().put("bucket", 7);
        table.writeSnapshot(3, root);

        assertThat(problem(validate(), Kind.BAD_BUCKET, entry.location()).message()).isEqualTo("bucket 7 is outside [0, 4) for a table of 4 buckets");
    }

    @Test
    void recordsWhoseKeysHashToAnotherBucketAreFoundByADeepValidation() {
        Entry entry = januaryFileWithRows(1, 1);
        int bucket = entry.node().get("bucket").asInt();
        table.setEverywhere(entry.file(), "bucket", (bucket + 1) % 4);

        assertThat(validate().problems()).isEmpty();
        ValidationReport deep = validateDeep();
        assertThat(deep.problemsOf(Kind.BAD_BUCKET)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(entry.location().replace("s1.json", "s3.json"));
            assertThat(p.message()).contains("hash to bucket " + bucket + ", not to the file's bucket " + (bucket + 1) % 4);
        });
    }

    @Test
    void fileAddedAfterTheSnapshotIsReported() {
        ObjectNode root = table.snapshot(1);
        Entry entry = SeededTable.entry(1, root, "2024-01", "delta", 0);
        entry.node().put("added_version", 2);
        table.writeSnapshot(1, root);

        assertThat(problem(validate(), Kind.BAD_FILE_VERSION, entry.location()).message())
                .startsWith("added_version 2 must be between 1 and this snapshot's version 1");
    }

    @Test
    void missingDataFileIsReportedOnceWithTheVersionsReferencingIt() {
        Entry entry = januaryFileWithRows(1, 1);
        table.delete(entry.file());

        ValidationReport report = validateDeep();

        assertThat(report.problemsOf(Kind.FILE_MISSING)).singleElement().satisfies(p -> {
            assertThat(p.location()).startsWith("s3.json ").endsWith("(" + entry.file() + ")");
            assertThat(p.message()).isEqualTo("the data file does not exist; versions 1 to 3 reference it");
        });
        assertThat(report.problems()).extracting(ValidationProblem::kind).containsOnly(Kind.FILE_MISSING);
    }

    @Test
    void recordedSizeThatDiffersFromTheFileIsReportedWhereItIsRecorded() {
        Entry entry = januaryFileWithRows(1, 1);
        long size = table.size(entry.file());
        ObjectNode root = table.snapshot(2);
        Entry inVersion2 = SeededTable.entry(2, root, "2024-01", "delta", indexOf(entry));
        inVersion2.node().put("bytes", size + 1);
        table.writeSnapshot(2, root);

        ValidationReport report = validate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_SIZE_MISMATCH);
            assertThat(p.location()).isEqualTo(inVersion2.location());
            assertThat(p.message()).isEqualTo("bytes: recorded " + (size + 1) + ", the file has " + size);
        });
    }

    /** Where an entry of version 1 sits in its segment's deltas: later versions list a segment's earlier files first. */
    private static int indexOf(Entry entry) {
        String location = entry.location();
        return Integer.parseInt(location.substring(location.indexOf("delta[") + 6, location.indexOf(']', location.indexOf("delta["))));
    }

    @Test
    void truncatedDataFileIsUnreadable() throws IOException {
        Entry entry = januaryFileWithRows(1, 1);
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(entry.file()).toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }

        ValidationReport report = validate();

        ValidationProblem unreadable = report.problemsOf(Kind.FILE_UNREADABLE).get(0);
        assertThat(unreadable.location()).endsWith("(" + entry.file() + ")");
        assertThat(unreadable.message()).startsWith("cannot read the Parquet footer");
        assertThat(report.problemsOf(Kind.FILE_SIZE_MISMATCH)).hasSize(1);
    }

    @Test
    void columnStoredWithAnotherTypeIsASchemaMismatchNamingTheColumn() {
        Entry entry = januaryFileWithRows(1, 1);
        StructType fileSchema = DataFileSchema.of(definition());
        List<Object[]> rows = table.records(entry.file(), fileSchema);
        List<StructField> fields = new ArrayList<>(fileSchema.fields());
        int price = fileSchema.fieldIndex("price");
        fields.set(price, new StructField("price", PrimitiveType.STRING, true));
        rows.forEach(row -> row[price] = String.valueOf(row[price]));
        table.rewrite(entry.file(), new StructType(fields), rows);

        ValidationReport report = validateDeep();

        assertThat(report.problemsOf(Kind.FILE_SCHEMA_MISMATCH)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.location()).endsWith("(" + entry.file() + ")");
            assertThat(p.message()).contains("column 'price'", "as optional binary price (STRING)", "declares it as long");
        });
        assertThat(report.problems()).extracting(ValidationProblem::kind).containsOnly(Kind.FILE_SCHEMA_MISMATCH);
    }

    @Test
    void extraColumnThatReadersIgnoreIsOnlyAWarning() {
        Entry entry = januaryFileWithRows(1, 1);
        StructType fileSchema = DataFileSchema.of(definition());
        List<StructField> fields = new ArrayList<>(fileSchema.fields());
        fields.add(new StructField("extra", PrimitiveType.STRING, true));
        List<Object[]> rows = table.records(entry.file(), fileSchema).stream().map(row -> {
            Object[] wider = Arrays.copyOf(row, row.length + 1);
            wider[row.length] = "x";
            return wider;
        }).toList();
        table.rewrite(entry.file(), new StructType(fields), rows);

        ValidationReport report = validateDeep();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_SCHEMA_MISMATCH);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).startsWith("column 'extra' (optional binary extra (STRING)) is not one of the table's columns");
        });
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void recordedRowCountThatDiffersFromTheFooterIsReported() {
        Entry entry = januaryFileWithRows(1, 1);
        long rows = entry.node().get("rows").asLong();
        table.setEverywhere(entry.file(), "rows", rows + 1);

        ValidationReport report = validate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_STATS_MISMATCH);
            assertThat(p.message()).isEqualTo("rows: recorded " + (rows + 1) + ", the file holds " + rows + " (from the Parquet footer)");
        });
    }

    @Test
    void recordedKeyAndEventTimeBoundsAreCheckedAgainstTheFooterAndTheRecords() {
        Entry entry = januaryFileWithRows(1, 1);
        ObjectNode root = table.snapshot(3);
        Entry latest = SeededTable.entry(3, root, "2024-01", "delta", indexOf(entry));
        latest.node().putArray("max_key").add("ZZZZ");
        latest.node().put("min_event_time", "2024-01-01T00:00:00.000000Z");
        latest.node().put("deletes", 5);
        table.writeSnapshot(3, root);

        ValidationReport shallow = validate();
        ValidationReport deep = validateDeep();

        assertThat(shallow.problemsOf(Kind.FILE_STATS_MISMATCH)).extracting(ValidationProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("max_key: recorded ticker=ZZZZ, the file holds ticker=")
                        .endsWith("(from the Parquet footer's statistics)"))
                .anySatisfy(m -> assertThat(m).startsWith("min_event_time: recorded 2024-01-01T00:00:00Z, the file holds 2024-01-05T00:00:00Z"))
                .noneSatisfy(m -> assertThat(m).startsWith("deletes"));
        assertThat(deep.problemsOf(Kind.FILE_STATS_MISMATCH)).extracting(ValidationProblem::location).containsOnly(latest.location());
        assertThat(deep.problemsOf(Kind.FILE_STATS_MISMATCH)).extracting(ValidationProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("max_key: recorded (ticker=ZZZZ), the file holds (ticker=").endsWith("(from the records)"))
                .anySatisfy(m -> assertThat(m).isEqualTo("deletes: recorded 5, the file holds 0 (from the records)"));
    }

    @Test
    void recordsOutOfOrderAreFoundByADeepValidation() {
        Entry entry = januaryFileWithRows(1, 2);
        StructType fileSchema = DataFileSchema.of(definition());
        table.rewrite(entry.file(), fileSchema, rows -> {
            List<Object[]> reversed = new ArrayList<>(rows);
            Collections.reverse(reversed);
            return reversed;
        });

        assertThat(validate().problems()).isEmpty();
        ValidationReport deep = validateDeep();
        assertThat(deep.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FILE_NOT_SORTED);
            assertThat(p.location()).endsWith("(" + entry.file() + ")");
            assertThat(p.message()).startsWith("record 2 (key (ticker=").contains("does not sort after record 1");
        });
    }

    @Test
    void repeatedRecordIsOutOfOrder() {
        Entry entry = januaryFileWithRows(1, 1);
        StructType fileSchema = DataFileSchema.of(definition());
        table.rewrite(entry.file(), fileSchema, rows -> {
            List<Object[]> repeated = new ArrayList<>(rows);
            repeated.add(0, rows.get(0));
            return repeated;
        });
        table.setEverywhere(entry.file(), "rows", entry.node().get("rows").asLong() + 1);

        assertThat(validateDeep().problems()).extracting(ValidationProblem::kind).containsExactly(Kind.FILE_NOT_SORTED);
    }

    @Test
    void nullInAColumnDeclaredNotNullIsFoundByADeepValidation() {
        Entry entry = januaryFileWithRows(1, 1);
        StructType fileSchema = DataFileSchema.of(definition());
        int price = fileSchema.fieldIndex("price");
        table.rewrite(entry.file(), fileSchema, rows -> {
            rows.get(0)[price] = null;
            return rows;
        });

        ValidationReport deep = validateDeep();

        assertThat(deep.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.NULL_IN_NOT_NULL_COLUMN);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.message()).startsWith("1 record holds a null in column 'price', which may not be null");
        });
    }

    @Test
    void deleteRecordsNeedNoPayload() {
        // BETA's March delete has a null price, which is declared not null: allowed, since only upserts need payload.
        assertThat(validateDeep().problemsOf(Kind.NULL_IN_NOT_NULL_COLUMN)).isEmpty();
        assertThat(table.snapshot(3).findValues("deletes").stream().mapToLong(n -> n.asLong()).sum()).isEqualTo(1);
    }

    @Test
    void validationNeverWritesEvenOnACorruptedTable() throws IOException {
        Entry truncated = januaryFileWithRows(1, 2);
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(truncated.file()).toFile(), "rw")) {
            file.setLength(10);
        }
        table.delete(SeededTable.entry(3, table.snapshot(3), "2024-02", "delta", 0).file());
        table.write("version.txt", "9");
        table.editSnapshot(2, root -> root.put("committed_at", "2000-01-01T00:00:00.000Z"));
        Map<String, String> before = table.contents();

        ValidationReport shallow = validate();
        ValidationReport deep = validateDeep();

        assertThat(deep.isValid()).isFalse();
        assertThat(shallow.problems()).extracting(ValidationProblem::kind)
                .contains(Kind.FILE_UNREADABLE, Kind.FILE_MISSING, Kind.VERSION_HINT, Kind.COMMIT_TIME_ORDER);
        Map<String, String> after = table.contents();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void reportListsEachProblemOnItsOwnLine() {
        table.write("version.txt", "9");
        table.delete("s2.json");

        String text = validate().toString();

        assertThat(text.lines().toList()).containsExactly(
                "INVALID: 2 errors, 0 warnings in 2 versions and " + table.snapshot(3).findValues("file").size() + " data files checked",
                "  ERROR VERSION_HINT at version.txt: names version 9, which has no snapshot file; the snapshot files hold versions 1 to 3",
                "  ERROR VERSION_GAP at s2.json: version 2 has no snapshot file, but versions 1 and 3 do; versions are numbered without"
                        + " gaps, and a reader probing upwards from 1 stops at the gap");
    }
}
