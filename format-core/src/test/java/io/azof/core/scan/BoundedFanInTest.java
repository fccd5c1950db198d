package io.azof.core.scan;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.VersionSelector;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.testing.OpenStreamCounter;
import io.azof.core.testing.PricesTable;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.VersionedModel;
import io.azof.core.time.AsOf;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A read never holds more than {@code maxOpenFiles} of the table's files open (SPEC section 6.4): forty uncompacted
 * appends into one month and one bucket, so a read there merges forty deltas, read through a storage that counts the
 * streams open at once. The answers are checked against {@link VersionedModel}, the brute-force reading of the same
 * appends.
 */
class BoundedFanInTest {
    private static final int APPENDS = 40;
    private static final List<String> TICKERS = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L");

    private final OpenStreamCounter counter = new OpenStreamCounter();
    private final VersionedModel model = new VersionedModel();
    private TemporaryDirectory dir;
    private Path spillRoot;
    private PricesTable prices;

    @BeforeEach
    void setUp() throws IOException {
        dir = TestFiles.temporaryDirectory("azof-fan-in-");
        spillRoot = dir.path().resolve("spills");
        Path table = dir.path().resolve("table");
        prices = new PricesTable(counter.storage(TestTables.localStorage(table)),
                WriteOptions.append().withLayout(SegmentGranularity.MONTH, 1));
        Random random = new Random(14);
        for (int append = 1; append <= APPENDS; append++) {
            List<Object[]> rows = new ArrayList<>();
            List<VersionedModel.Row> modelRows = new ArrayList<>();
            // A few tickers per append, each once; days repeat across appends (ties) and run backwards (late rows).
            for (String ticker : TICKERS) {
                if (random.nextInt(3) != 0) {
                    continue;
                }
                String day = "2024-01-%02d".formatted(1 + random.nextInt(28));
                Long price = random.nextInt(8) == 0 ? null : (long) random.nextInt(1_000);
                rows.add(price == null ? PricesTable.delete(ticker, day) : PricesTable.row(ticker, day, price));
                modelRows.add(new VersionedModel.Row(List.of(ticker), startOfDayMicros(day), Collections.singletonList(price), price == null));
            }
            assertThat(prices.write(rows.toArray(Object[][]::new)).version()).isEqualTo(append);
            assertThat(model.commit(false, modelRows, null, 0)).isEqualTo(append);
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        dir.close();
    }

    /** What the appends up to {@code version} say as of the start of {@code day}: ticker -> price. */
    private Map<String, Long> expected(String day, long version) {
        Map<String, Long> result = new TreeMap<>();
        model.state(startOfDayMicros(day), version).forEach((key, row) -> result.put((String) key.get(0), (Long) row.payload().get(0)));
        return result;
    }

    private Map<String, Long> read(String day, long version, int maxOpenFiles, ScanMetrics metrics) {
        Map<String, Long> result = new TreeMap<>();
        try (var rows = prices.table.newScan().atVersion(VersionSelector.version(version)).asOf(AsOf.eventTime(startOfDayMicros(day)))
                .select(List.of("price")).maxOpenFiles(maxOpenFiles).spillRoot(spillRoot).rows(metrics)) {
            rows.forEachRemaining(r -> assertThat(result.put((String) r[0], (Long) r[2])).as("ticker %s read twice", r[0]).isNull());
        }
        return result;
    }

    @Test
    void aReadOfFortyRunsHoldsAtMostMaxOpenFilesOpenAndAnswersAsTheModel() throws IOException {
        int preMerging = 0;
        for (int maxOpenFiles : new int[] {2, 3, 7, 16}) {
            for (String day : List.of("2024-01-05", "2024-01-17", "2024-01-29")) {
                for (long version : new long[] {APPENDS / 2, APPENDS}) {
                    counter.reset();
                    ScanMetrics metrics = new ScanMetrics();
                    Map<String, Long> rows = read(day, version, maxOpenFiles, metrics);
                    String read = "read as of %s at version %d with maxOpenFiles %d".formatted(day, version, maxOpenFiles);
                    assertThat(rows).as(read).isEqualTo(expected(day, version));
                    assertThat(counter.peak()).as("streams open at once in a %s", read).isBetween(1, maxOpenFiles);
                    assertThat(counter.open()).as("streams left open after a %s", read).isZero();
                    // Each table file is read once, as without a bound: pre-merging copies runs to local spills, it does not
                    // reopen them.
                    ScanMetrics unbounded = new ScanMetrics();
                    read(day, version, APPENDS, unbounded);
                    assertThat(metrics.deltaFilesOpened()).as("table files opened by a %s", read).isEqualTo(unbounded.deltaFilesOpened());
                    assertThat(metrics.runsPreMerged() > 0).as("runs pre-merged by a %s of %d files", read, unbounded.deltaFilesOpened())
                            .isEqualTo(unbounded.deltaFilesOpened() > maxOpenFiles);
                    preMerging += metrics.runsPreMerged() > 0 ? 1 : 0;
                }
            }
        }
        assertThat(preMerging).as("reads that pre-merged runs").isGreaterThanOrEqualTo(12);
        assertThat(spills()).as("spills left after the reads").isEmpty();
    }

    @Test
    void aReadWithinTheBoundPreMergesNothing() throws IOException {
        ScanMetrics metrics = new ScanMetrics();
        assertThat(read("2024-01-29", APPENDS, APPENDS, metrics)).isEqualTo(expected("2024-01-29", APPENDS));
        assertThat(metrics.runsPreMerged()).isZero();
        assertThat(counter.peak()).isEqualTo(APPENDS);
        assertThat(spills()).isEmpty();
    }

    /**
     * One run over the bound is settled by merging the two smallest runs into one spill, not {@code maxOpenFiles} of them:
     * every record a pass spills is copied once more, so a pass takes no more runs than it must.
     */
    @Test
    void aReadOneRunOverTheBoundSpillsJustTwoRuns() throws IOException {
        ScanMetrics unbounded = new ScanMetrics();
        read("2024-01-29", APPENDS, APPENDS, unbounded);
        int files = Math.toIntExact(unbounded.deltaFilesOpened());
        counter.reset();
        ScanMetrics metrics = new ScanMetrics();
        assertThat(read("2024-01-29", APPENDS, files - 1, metrics)).isEqualTo(expected("2024-01-29", APPENDS));
        assertThat(metrics.runsPreMerged()).as("runs pre-merged by a read of %d files holding at most %d open", files, files - 1)
                .isEqualTo(2);
        assertThat(counter.peak()).isLessThanOrEqualTo(files - 1);
    }

    @Test
    void aReadAbandonedHalfWayLeavesNoStreamOrSpill() throws IOException {
        try (var rows = prices.table.newScan().select(List.of("price")).maxOpenFiles(3).spillRoot(spillRoot).rows()) {
            assertThat(rows.hasNext()).isTrue();
            rows.next();
        }
        assertThat(counter.open()).isZero();
        assertThat(spills()).isEmpty();
    }

    @Test
    void maxOpenFilesBelowTwoIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> prices.table.newScan().maxOpenFiles(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxOpenFiles")
                .hasMessageContaining("1");
    }

    /** The files under the spill root: a read's spill directory and its files are gone once the read is closed. */
    private List<Path> spills() throws IOException {
        if (!Files.exists(spillRoot)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spillRoot)) {
            return files.toList();
        }
    }
}
