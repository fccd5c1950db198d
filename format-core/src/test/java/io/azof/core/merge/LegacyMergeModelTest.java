package io.azof.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Column;
import io.azof.core.metadata.FileRole;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.testing.BruteForceModel;
import io.azof.core.testing.LegacyLayout;
import io.azof.core.testing.LegacyLayoutGenerator.Settings;
import io.azof.core.testing.LegacyLayoutGenerator;
import io.azof.core.testing.LegacyTableWriter;
import io.azof.core.testing.TestArbitraries;
import io.azof.core.testing.TestFiles.TemporaryDirectory;
import io.azof.core.testing.TestFiles;
import io.azof.core.testing.TestTables;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The azof 0.2.1 read path against {@link BruteForceModel} on random valid layouts.
 *
 * <p>Tables come from {@link LegacyLayoutGenerator}, fully determined by the {@link Settings} jqwik draws;
 * a failure prints them (and the whole layout), so the table can be rebuilt without jqwik.
 */
class LegacyMergeModelTest {
    private static final AtomicLong MEMORY_TABLES = new AtomicLong();
    private static final AtomicLong MEMORY_READS = new AtomicLong();
    private static final AtomicLong MEMORY_MISMATCHES = new AtomicLong();
    private static final AtomicLong PARQUET_TABLES = new AtomicLong();
    private static final AtomicLong PARQUET_READS = new AtomicLong();
    private static final AtomicLong PARQUET_MISMATCHES = new AtomicLong();
    /** Opening Parquet files dominates the file-based property; a sample of probes keeps it fast. */
    private static final int PARQUET_PROBES_PER_TABLE = 20;
    private static final int MISMATCHES_SHOWN = 5;

    @Provide
    Arbitrary<LegacyLayout> layouts() {
        return TestArbitraries.legacyLayouts();
    }

    @Property(tries = 1000)
    void inMemoryReadAtEveryBoundaryEqualsTheModel(@ForAll("layouts") LegacyLayout layout) {
        MEMORY_TABLES.incrementAndGet();
        List<String> mismatches = new ArrayList<>();
        for (AsOf asOf : layout.probes()) {
            MEMORY_READS.incrementAndGet();
            compare(layout, asOf, sorted(BruteForceModel.state(layout.history(), asOf).values()),
                    sorted(layout.readInMemory(asOf)), mismatches);
        }
        MEMORY_MISMATCHES.addAndGet(mismatches.size());
        assertNoMismatches(layout, mismatches);
    }

    @Property(tries = 40)
    void parquetReadWithRandomProjectionEqualsTheModel(@ForAll("layouts") LegacyLayout layout, @ForAll long readSeed)
            throws IOException {
        PARQUET_TABLES.incrementAndGet();
        Random random = new Random(readSeed);
        try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-legacy-model-")) {
            TableStorage storage = TestTables.localStorage(temp.path());
            LegacyTableWriter.write(layout, storage);
            assertThat(Table.forStorage(storage).latestSnapshot()).isEqualTo(layout.snapshot());
            List<String> mismatches = new ArrayList<>();
            for (AsOf asOf : probeSample(layout, random)) {
                PARQUET_READS.incrementAndGet();
                List<String> columns = randomProjection(layout, random);
                List<Object[]> rows = new ArrayList<>();
                try (CloseableIterator<Object[]> it = Table.forStorage(storage).newScan().asOf(asOf).select(columns).rows()) {
                    it.forEachRemaining(rows::add);
                }
                compare(layout, asOf, sorted(BruteForceModel.state(layout.history(), asOf, columns).values()), sorted(rows),
                        mismatches);
            }
            PARQUET_MISMATCHES.addAndGet(mismatches.size());
            assertNoMismatches(layout, mismatches);
        }
    }

    @Example
    void lastSeenMergeIsCaughtByTheModel() {
        assertThat(firstCaughtVariant((layout, asOf) -> {
            Map<Object, Object[]> lastSeen = new LinkedHashMap<>();
            for (PlannedFile file : SegmentPlanner.plan(layout.snapshot(), asOf)) {
                try (CloseableIterator<Object[]> rows = layout.open(file.file())) {
                    rows.forEachRemaining(row -> {
                        if (asOf.includes((Long) row[1])) {
                            lastSeen.put(row[0], row);
                        }
                    });
                }
            }
            return new ArrayList<>(lastSeen.values());
        })).as("a generated read where only the variant differs from the model").isNotNull();
    }

    @Example
    void baseBeforeDeltasIsCaughtByTheModel() {
        assertThat(firstCaughtVariant((layout, asOf) -> {
            List<PlannedFile> plan = new ArrayList<>(SegmentPlanner.plan(layout.snapshot(), asOf));
            // A segment's files are adjacent in the plan, its base last; move each base to the front of its run.
            for (int i = 0; i < plan.size(); i++) {
                PlannedFile file = plan.get(i);
                if (file.role() == FileRole.BASE) {
                    int runStart = i;
                    while (runStart > 0 && plan.get(runStart - 1).segmentId().equals(file.segmentId())) {
                        runStart--;
                    }
                    plan.add(runStart, plan.remove(i));
                }
            }
            List<Object[]> rows = new ArrayList<>();
            try (FirstSeenMerger<PlannedFile> merger = new FirstSeenMerger<>(plan, f -> layout.open(f.file()), asOf)) {
                merger.forEachRemaining(rows::add);
            }
            return rows;
        })).as("a generated read where only the variant differs from the model").isNotNull();
    }

    @AfterContainer
    static void printSummary() {
        System.out.printf("LegacyMergeModelTest in memory: %d tables, %d reads, %d mismatches%n",
                MEMORY_TABLES.get(), MEMORY_READS.get(), MEMORY_MISMATCHES.get());
        System.out.printf("LegacyMergeModelTest through Parquet: %d tables, %d reads, %d mismatches%n",
                PARQUET_TABLES.get(), PARQUET_READS.get(), PARQUET_MISMATCHES.get());
    }

    /**
     * A description of the first read (over fixed seeds) where the real read path agrees with the model and
     * {@code variant} does not, or null. Requiring the real path to agree keeps the control meaningful even
     * while the real path has bugs of its own.
     */
    private static String firstCaughtVariant(BiFunction<LegacyLayout, AsOf, List<Object[]>> variant) {
        for (long seed = 0; seed < 200; seed++) {
            LegacyLayout layout = LegacyLayoutGenerator.generate(new Settings(seed, 4, 20, 2));
            for (AsOf asOf : layout.probes()) {
                List<List<Object>> expected = sorted(BruteForceModel.state(layout.history(), asOf).values());
                if (expected.equals(sorted(layout.readInMemory(asOf))) && !expected.equals(sorted(variant.apply(layout, asOf)))) {
                    return layout + " at " + asOf;
                }
            }
        }
        return null;
    }

    private static void compare(LegacyLayout layout, AsOf asOf, List<List<Object>> expected, List<List<Object>> actual,
                                List<String> mismatches) {
        if (!expected.equals(actual)) {
            mismatches.add("as of " + asOf + " (" + (asOf.isCurrent() ? "current" : asOf.micros() + " µs") + "): planned "
                    + SegmentPlanner.plan(layout.snapshot(), asOf).stream().map(PlannedFile::file).toList()
                    + "\n  expected " + expected + "\n  actual   " + actual);
        }
    }

    private static void assertNoMismatches(LegacyLayout layout, List<String> mismatches) {
        assertThat(mismatches)
                .withFailMessage(() -> mismatches.size() + " reads differ from the model; first ones:\n"
                        + String.join("\n", mismatches.subList(0, Math.min(MISMATCHES_SHOWN, mismatches.size())))
                        + "\nlayout " + layout.describe())
                .isEmpty();
    }

    /** Rows as value lists ordered by key then event time: order-insensitive, and a duplicated key shows up. */
    private static List<List<Object>> sorted(Collection<Object[]> rows) {
        return rows.stream()
                .map(row -> Arrays.asList(row.clone()))
                .sorted(Comparator.comparing((List<Object> row) -> (String) row.get(0)).thenComparing(row -> (Long) row.get(1)))
                .toList();
    }

    private static List<AsOf> probeSample(LegacyLayout layout, Random random) {
        List<AsOf> probes = new ArrayList<>(layout.probes());
        List<AsOf> always = probes.subList(0, 2);
        List<AsOf> rest = new ArrayList<>(probes.subList(2, probes.size()));
        Collections.shuffle(rest, random);
        return Stream.concat(always.stream(), rest.stream().limit(PARQUET_PROBES_PER_TABLE - 2)).toList();
    }

    /** A random subset of the payload columns in random order, possibly none. */
    private static List<String> randomProjection(LegacyLayout layout, Random random) {
        List<String> columns = new ArrayList<>(layout.snapshot().schema().columns().stream().map(Column::name).toList());
        Collections.shuffle(columns, random);
        return columns.subList(0, random.nextInt(columns.size() + 1));
    }
}
