package io.azof.core.coverage;

import static io.azof.core.testing.PricesTable.delete;
import static io.azof.core.testing.PricesTable.row;
import static io.azof.core.testing.TestTimes.instant;
import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.azof.core.CoverageQuery;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.CommitConflictException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.OverlapException;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.slots.SlotCoverage;
import io.azof.core.maintenance.ValidationProblem;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.testing.PricesTable;
import io.azof.core.time.AsOf;
import io.azof.core.write.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage and overlap policies on hand-made examples whose answers are worked out by hand from SPEC sections 6.14 and
 * 6.15 (the randomised comparison with a brute-force model is {@code CoverageModelTest}).
 */
class CoverageExamplesTest {
    private static final Instant JAN_1 = instant("2024-01-01T00:00:00Z");
    private static final Instant JAN_6 = instant("2024-01-06T00:00:00Z");

    @TempDir
    Path dir;

    private PricesTable dailyCoverage() {
        PricesTable prices = new PricesTable(dir, WriteOptions.append().withCoverageGranularity(CoverageGranularity.parse("1d")));
        prices.write(row("AAPL", "2024-01-01", 1L), row("AAPL", "2024-01-02", 2L), row("AAPL", "2024-01-04", 4L),
                row("MSFT", "2024-01-03", 30L), delete("MSFT", "2024-01-05"), delete("IBM", "2024-01-02"));
        return prices;
    }

    private static Object[] at(String ticker, String isoInstant, Long price) {
        return new Object[] {ticker, micros(isoInstant), price, false};
    }

    @Test
    void coveragePerKeyAndTableWideCountsSlotsWithUpserts() {
        PricesTable prices = dailyCoverage();
        CoverageQuery.Coverage coverage = prices.table.coverage(JAN_1, JAN_6).compute();

        // IBM has only a delete: tombstones cover nothing, so IBM is not a key with data.
        assertThat(coverage.keys()).extracting(k -> k.key()[0]).containsExactly("AAPL", "MSFT");
        SlotCoverage aapl = coverage.key("AAPL").coverage();
        assertThat(aapl.coveredSlots()).isEqualTo(3);
        assertThat(aapl.totalSlots()).isEqualTo(5);
        assertThat(aapl.ratio()).isEqualTo(0.6);
        assertThat(aapl.gaps()).containsExactly(
                new SlotCoverage.Gap(instant("2024-01-03T00:00:00Z"), instant("2024-01-04T00:00:00Z"), 1),
                new SlotCoverage.Gap(instant("2024-01-05T00:00:00Z"), JAN_6, 1));
        assertThat(aapl.maxGapSlots()).isEqualTo(1);
        SlotCoverage msft = coverage.key("MSFT").coverage();
        assertThat(msft.coveredSlots()).isEqualTo(1);
        assertThat(msft.gaps(2)).containsExactly(
                new SlotCoverage.Gap(JAN_1, instant("2024-01-03T00:00:00Z"), 2),
                new SlotCoverage.Gap(instant("2024-01-04T00:00:00Z"), JAN_6, 2));
        // Over the table, 1-4 January hold data, 5 January does not.
        assertThat(coverage.table().coveredSlots()).isEqualTo(4);
        assertThat(coverage.table().gaps()).containsExactly(new SlotCoverage.Gap(instant("2024-01-05T00:00:00Z"), JAN_6, 1));
        assertThat(coverage.table().lastFullyCoveredWindow(JAN_6, 2)).get()
                .isEqualTo(new SlotCoverage.Window(instant("2024-01-03T00:00:00Z"), instant("2024-01-05T00:00:00Z"), 2));
        assertThat(aapl.lastFullyCoveredWindow(JAN_6, 2)).get()
                .isEqualTo(new SlotCoverage.Window(JAN_1, instant("2024-01-03T00:00:00Z"), 2));
        assertThat(aapl.lastFullyCoveredWindow(JAN_6, 3)).isEmpty();
    }

    @Test
    void rangesWidenToWholeSlotsAndKeysOutsideTheRangeAreReported() {
        PricesTable prices = dailyCoverage();
        CoverageQuery.Coverage coverage = prices.table.coverage(instant("2024-01-03T12:00:00Z"), instant("2024-01-03T13:00:00Z")).compute();

        // [3 Jan 12:00, 3 Jan 13:00) widens to the slot of 3 January; AAPL has no data in it but data elsewhere.
        assertThat(coverage.key("AAPL").coverage().coveredSlots()).isZero();
        assertThat(coverage.key("AAPL").coverage().totalSlots()).isEqualTo(1);
        assertThat(coverage.key("MSFT").coverage().ratio()).isEqualTo(1.0);
    }

    @Test
    void coverageAsOfAnEarlierVersionIsThatVersionsAndKeysCanBeSelected() {
        PricesTable prices = dailyCoverage();
        prices.write(row("AAPL", "2024-01-03", 3L), row("ORCL", "2024-01-01", 7L));

        assertThat(prices.table.coverage(JAN_1, JAN_6).compute().key("AAPL").coverage().coveredSlots()).isEqualTo(4);
        CoverageQuery.Coverage before = prices.table.coverage(JAN_1, JAN_6).asOfVersion(1).compute();
        assertThat(before.version()).isEqualTo(1);
        assertThat(before.key("AAPL").coverage().coveredSlots()).isEqualTo(3);
        assertThat(before.key("ORCL")).isNull();
        CoverageQuery.Coverage selected = prices.table.coverage(JAN_1, JAN_6).forKeys(List.<Object[]>of(new Object[] {"ORCL"})).compute();
        assertThat(selected.keys()).extracting(k -> k.key()[0]).containsExactly("ORCL");
    }

    @Test
    void overlapErrorNamesKeySlotAndRowsAndCommitsNothing() {
        PricesTable prices = dailyCoverage();
        WriteOptions error = prices.options().withOnOverlap(OverlapPolicy.ERROR);

        assertThatThrownBy(() -> prices.write(error, at("AAPL", "2024-01-02T12:00:00Z", 9L), at("AAPL", "2024-01-02T18:00:00Z", 9L),
                row("AAPL", "2024-01-03", 3L)))
                .isInstanceOfSatisfying(OverlapException.class, e -> {
                    assertThat(e.key()).isEqualTo("(ticker=AAPL)");
                    assertThat(e.slotStart()).isEqualTo(instant("2024-01-02T00:00:00Z"));
                    assertThat(e.slotEnd()).isEqualTo(instant("2024-01-03T00:00:00Z"));
                    assertThat(e.rows()).isEqualTo(2);
                })
                .hasMessageContaining("(ticker=AAPL)").hasMessageContaining("[2024-01-02T00:00:00Z, 2024-01-03T00:00:00Z)");
        assertThat(prices.table.latestVersion()).isEqualTo(1);

        // Several rows of one key in one new slot, and tombstones in covered slots, are not overlaps.
        CommitResult fine = prices.write(error, row("AAPL", "2024-01-03", 3L), at("AAPL", "2024-01-03T06:00:00Z", 4L),
                delete("AAPL", "2024-01-02"));
        assertThat(fine.version()).isEqualTo(2);
    }

    @Test
    void overlapSkipDropsCoveredUpsertsAndKeepsTheRest() {
        PricesTable prices = dailyCoverage();
        WriteOptions skip = prices.options().withOnOverlap(OverlapPolicy.SKIP);

        CommitResult result = prices.write(skip, at("AAPL", "2024-01-02T12:00:00Z", 99L), row("AAPL", "2024-01-03", 3L),
                delete("AAPL", "2024-01-04"));

        assertThat(result.version()).isEqualTo(2);
        assertThat(result.rowsDropped()).isEqualTo(1);
        // The dropped correction is not there; the new slot and the delete are.
        assertThat(prices.read(AsOf.eventTime(micros("2024-01-02T23:00:00Z")), VersionSelector.latest(), new ScanMetrics()))
                .containsEntry("AAPL", 2L);
        assertThat(prices.read("2024-01-03")).containsEntry("AAPL", 3L);
        assertThat(prices.read("2024-01-04")).doesNotContainKey("AAPL");
        assertThat(prices.table.coverage(JAN_1, JAN_6).compute().key("AAPL").coverage().coveredSlots()).isEqualTo(4);
    }

    @Test
    void overlapSkipOfOnlyOverlappingRowsCommitsNothing() {
        PricesTable prices = dailyCoverage();

        CommitResult result = prices.write(prices.options().withOnOverlap(OverlapPolicy.SKIP), row("AAPL", "2024-01-01", 5L),
                at("MSFT", "2024-01-03T01:00:00Z", 6L));

        assertThat(result.skipped()).isTrue();
        assertThat(result.rowsDropped()).isEqualTo(2);
        assertThat(prices.table.latestVersion()).isEqualTo(1);
    }

    @Test
    void theCommitSummaryRecordsTheRowsDropped() {
        PricesTable prices = dailyCoverage();
        prices.write(prices.options().withOnOverlap(OverlapPolicy.SKIP), row("AAPL", "2024-01-01", 5L), row("AAPL", "2024-01-03", 3L));

        assertThat(prices.table.history().get(0).rowsDropped()).isEqualTo(1);
        assertThat(prices.table.history().get(0).rowsAdded()).isEqualTo(1);
        assertThat(prices.table.history().get(1).rowsDropped()).isZero();
    }

    @Test
    void validationChecksCoverageFilesAndVacuumKeepsThem() throws Exception {
        PricesTable prices = dailyCoverage();
        prices.write(row("AAPL", "2024-01-03", 3L));
        assertThat(prices.table.validate(true).problems()).isEmpty();
        prices.table.vacuum().retention(Duration.ZERO).allowShortRetention().commit();
        assertThat(prices.table.coverage(JAN_1, JAN_6).compute().key("AAPL").coverage().coveredSlots()).isEqualTo(4);

        String coverageFile = prices.table.latestSnapshot().segments().get(0).deltas().get(0).coverage();
        prices.storage.delete(coverageFile);

        assertThat(prices.table.validate(false).problemsOf(ValidationProblem.Kind.COVERAGE_MISMATCH))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains(coverageFile));
    }

    /** Hadoop's local file system keeps a checksum beside each file and checks it on read. */
    private static Path checksumOf(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".crc");
    }

    @Test
    void deepValidationComparesCoverageFilesWithTheRecords() throws Exception {
        PricesTable prices = dailyCoverage();
        prices.write(row("AAPL", "2024-01-03", 3L));
        // AAPL's delta of each append: the first covers 1, 2 and 4 January, the second 3 January.
        List<DeltaFile> aapl = prices.table.latestSnapshot().segments().get(0).deltas().stream()
                .filter(d -> "AAPL".equals(d.stats().minKey()[0])).sorted(Comparator.comparingLong(d -> d.stats().addedVersion())).toList();
        Path first = dir.resolve(aapl.get(0).coverage());
        Path second = dir.resolve(aapl.get(1).coverage());
        // The second's coverage file in place of the first's: the right granularity and key, the wrong slots.
        Files.copy(second, first, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(checksumOf(second), checksumOf(first), StandardCopyOption.REPLACE_EXISTING);

        assertThat(prices.table.validate(false).problemsOf(ValidationProblem.Kind.COVERAGE_MISMATCH)).isEmpty();
        assertThat(prices.table.validate(true).problemsOf(ValidationProblem.Kind.COVERAGE_MISMATCH))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("1 key, first (ticker=AAPL)"));
    }

    @Test
    void theTablesOverlapPolicyIsTheDefaultOfItsAppends() {
        PricesTable prices = dailyCoverage();
        prices.table.updateProperties().set("overlapPolicy", "error").commit();

        assertThatThrownBy(() -> prices.write(row("AAPL", "2024-01-01", 5L))).isInstanceOf(OverlapException.class);
        assertThat(prices.write(prices.options().withOnOverlap(OverlapPolicy.ALLOW), row("AAPL", "2024-01-01", 5L)).version()).isEqualTo(3);
        assertThat(prices.read("2024-01-01")).containsEntry("AAPL", 5L);
    }

    @Test
    void settingTheGranularityRecordsTheCoverageOfTheDataInOneCommit() {
        PricesTable prices = new PricesTable(dir, WriteOptions.append());
        prices.write(row("AAPL", "2024-01-01", 1L), row("AAPL", "2024-01-02", 2L), delete("AAPL", "2024-01-03"));
        prices.write(at("AAPL", "2024-01-04T13:00:00Z", 4L));
        assertThatThrownBy(() -> prices.table.coverage(JAN_1, JAN_6).compute()).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("coverageGranularity");

        CommitResult altered = prices.table.updateProperties().set("coverageGranularity", "1d").commit();

        assertThat(altered.version()).isEqualTo(3);
        SlotCoverage aapl = prices.table.coverage(JAN_1, JAN_6).compute().key("AAPL").coverage();
        assertThat(aapl.coveredSlots()).isEqualTo(3);
        assertThat(aapl.gaps()).extracting(SlotCoverage.Gap::start).containsExactly(instant("2024-01-03T00:00:00Z"), instant("2024-01-05T00:00:00Z"));
        // A new granularity rebuilds it: 12-hour slots.
        prices.table.updateProperties().set("coverageGranularity", "12h").commit();
        SlotCoverage halfDays = prices.table.coverage(JAN_1, JAN_6).compute().key("AAPL").coverage();
        assertThat(halfDays.totalSlots()).isEqualTo(10);
        assertThat(halfDays.coveredSlots()).isEqualTo(3);
        assertThat(halfDays.gaps()).extracting(SlotCoverage.Gap::start, SlotCoverage.Gap::slots).containsExactly(
                tuple(instant("2024-01-01T12:00:00Z"), 1L), tuple(instant("2024-01-02T12:00:00Z"), 4L), tuple(instant("2024-01-05T00:00:00Z"), 2L));
        // Reads are untouched, and later appends record coverage in the new granularity.
        assertThat(prices.read("2024-01-02")).containsEntry("AAPL", 2L);
        prices.write(at("AAPL", "2024-01-05T01:00:00Z", 5L));
        assertThat(prices.table.coverage(JAN_1, JAN_6).compute().key("AAPL").coverage().coveredSlots()).isEqualTo(4);
    }

    @Test
    void anAppendPreparedUnderAnotherGranularityDoesNotCommit() {
        PricesTable prices = dailyCoverage();
        var write = prices.table.newWrite(prices.options());
        var prepared = write.prepare(PricesTable.INPUT);
        prices.table.updateProperties().set("coverageGranularity", "1h").commit();

        assertThatThrownBy(() -> write.addFiles(prepared.writeFiles(prices.storage, List.<Object[]>of(row("AAPL", "2024-01-05", 5L)))).commit())
                .isInstanceOf(CommitConflictException.class);
    }

    /**
     * A key with data on both sides of 1970 has negative and non-negative slots in different deltas, whose union is counted
     * with ranks of the Roaring bitmap: it failed (ArrayIndexOutOfBoundsException, or AssertionError under -ea) before
     * SlotSet worked around RoaringBitmap's cache of ranks after a union (found by SlotSetPropertyTest and CoverageModelTest).
     */
    @Test
    void coverageOfDataOnBothSidesOf1970() {
        PricesTable prices = new PricesTable(dir, WriteOptions.append().withCoverageGranularity(CoverageGranularity.parse("1d")));
        prices.write(row("AAPL", "1969-12-31", 1L), row("MSFT", "1970-01-02", 2L));
        prices.write(row("AAPL", "1970-01-02", 3L));
        Instant from = instant("1969-12-30T00:00:00Z");
        Instant to = instant("1970-01-04T00:00:00Z");

        CoverageQuery.Coverage coverage = prices.table.coverage(from, to).compute();

        SlotCoverage aapl = coverage.key("AAPL").coverage();
        assertThat(aapl.coveredSlots()).isEqualTo(2);
        assertThat(aapl.totalSlots()).isEqualTo(5);
        assertThat(aapl.gaps()).extracting(SlotCoverage.Gap::start).containsExactly(from, instant("1970-01-01T00:00:00Z"),
                instant("1970-01-03T00:00:00Z"));
        assertThat(coverage.table().coveredSlots()).isEqualTo(2);
        assertThatThrownBy(() -> prices.write(prices.options().withOnOverlap(OverlapPolicy.ERROR), at("AAPL", "1970-01-02T05:00:00Z", 4L)))
                .isInstanceOfSatisfying(OverlapException.class, e -> assertThat(e.slotStart()).isEqualTo(instant("1970-01-02T00:00:00Z")));
    }

    @Test
    void badGranularitiesAndPoliciesNameTheValue() {
        for (String bad : List.of("1x", "0h", "-5m", "h", "")) {
            assertThatThrownBy(() -> CoverageGranularity.parse(bad)).isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining("'" + bad + "'").hasMessageContaining("30s, 15m, 1h or 1d");
        }
        assertThatThrownBy(() -> OverlapPolicy.parse("onOverlap", "ignore")).hasMessageContaining("'ignore'")
                .hasMessageContaining("allow, error, skip");
    }

    @Test
    void overlapPoliciesNeedCoverage() {
        PricesTable prices = new PricesTable(dir, WriteOptions.append());
        prices.write(row("AAPL", "2024-01-01", 1L));

        assertThatThrownBy(() -> prices.write(prices.options().withOnOverlap(OverlapPolicy.ERROR), row("AAPL", "2024-01-01", 1L)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("coverageGranularity");
        assertThatThrownBy(() -> prices.table.updateProperties().set("overlapPolicy", "skip").commit())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("coverageGranularity");
        assertThat(prices.table.latestVersion()).isEqualTo(1);
    }
}
