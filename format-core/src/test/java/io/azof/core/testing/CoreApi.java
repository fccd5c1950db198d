package io.azof.core.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * What of format-core other modules may use (SPEC section 9): its public API and, for engines that spread work over
 * workers or decode files with their own reader, a small engine SPI. Everything else in format-core is internal: the
 * snapshot log and its JSON, the committer, the planners, the row readers and writers, and the maintenance
 * algorithms behind the operations of {@link io.azof.core.Table}. The Spark connector's, the command line's and the
 * examples' architecture tests hold their main code to this.
 */
public final class CoreApi {
    /** {@code io.azof.core.Table}, its scan and operations, and the model they read and return. */
    public static final DescribedPredicate<JavaClass> PUBLIC_API = resideInAnyPackage("io.azof.core", "io.azof.core.exceptions..",
            "io.azof.core.types..", "io.azof.core.time..", "io.azof.core.layout..")
            .or(resideInAPackage("io.azof.core.metadata..").and(not(named(Set.of(
                    "io.azof.core.metadata.SnapshotJson", "io.azof.core.metadata.KeyValuesJson", "io.azof.core.metadata.SchemaChanges")))))
            .or(named(Set.of(
                    "io.azof.core.io.Storage", "io.azof.core.io.HadoopStorage", "io.azof.core.io.TableStorage",
                    "io.azof.core.io.HadoopTableStorage", "io.azof.core.io.CloseableIterator", "io.azof.core.io.FileEntry",
                    "io.azof.core.commit.CommitResult",
                    "io.azof.core.slots.SlotCoverage", "io.azof.core.slots.SlotCoverage$Gap", "io.azof.core.slots.SlotCoverage$Window",
                    "io.azof.core.slots.SlotRange", "io.azof.core.slots.CoverageGranularity", "io.azof.core.slots.OverlapPolicy",
                    "io.azof.core.write.WriteOptions", "io.azof.core.write.WriteOptions$Mode",
                    "io.azof.core.maintenance.CompactionPolicy", "io.azof.core.maintenance.CompactionPlan",
                    "io.azof.core.maintenance.CompactionResult", "io.azof.core.maintenance.TableDetail",
                    "io.azof.core.maintenance.ValidationReport", "io.azof.core.maintenance.ValidationProblem",
                    "io.azof.core.maintenance.ValidationProblem$Kind", "io.azof.core.maintenance.ValidationProblem$Severity",
                    "io.azof.core.maintenance.TableHistory$VersionInfo", "io.azof.core.maintenance.VersionExpiry$Result",
                    "io.azof.core.maintenance.Vacuum$Result", "io.azof.core.maintenance.LegacyTableUpgrade$Result",
                    "io.azof.core.maintenance.LegacyTableUpgrade$Conflict")))
            .as("format-core's public API");

    /**
     * For engines: planned tasks and their files, the k-way merge a columnar reader plugs into, how a data file's columns
     * are stored and filtered, the pieces of a prepared write and of a compaction task that run on workers (with the
     * Parquet row writer an engine implements to write its own rows), and the
     * writer of azof 0.2.1 data files that fixture tools use.
     */
    public static final DescribedPredicate<JavaClass> ENGINE_SPI = named(Set.of(
            "io.azof.core.scan.ScanTask", "io.azof.core.scan.ScanMetrics", "io.azof.core.scan.BoundedRuns",
            "io.azof.core.scan.BoundedRuns$Source", "io.azof.core.scan.BoundedRuns$Keep",
            "io.azof.core.plan.ScanFilter", "io.azof.core.plan.ScanFilter$Builder", "io.azof.core.plan.PlannedFile",
            "io.azof.core.merge.RunCursor", "io.azof.core.merge.SortedRunMerger",
            "io.azof.core.io.parquet.ParquetFiles", "io.azof.core.io.parquet.ParquetFilters", "io.azof.core.io.parquet.StoredColumn",
            "io.azof.core.io.parquet.LegacyDataFileWriter",
            "io.azof.core.write.PreparedWrite", "io.azof.core.write.RecordLayout", "io.azof.core.write.RecordLayout$SortKey",
            "io.azof.core.write.SortedRecordWriter", "io.azof.core.write.SortedRowWriter", "io.azof.core.write.SortedRowWriter$Rows",
            "io.azof.core.io.parquet.ParquetRowWriter", "io.azof.core.io.parquet.ParquetFieldWriter",
            "io.azof.core.maintenance.CompactionTask"))
            .as("format-core's engine SPI");

    private CoreApi() {
    }

    /**
     * Main classes only, whatever the build's output directory: ArchUnit's own {@code DoNotIncludeTests} knows Maven's
     * {@code target/test-classes}, not the Spark 4.1 line's {@code target-spark-4.1/test-classes}.
     */
    public static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    /** The classes in {@code packages} use format-core only through its public API and engine SPI. */
    public static ArchRule usedOnlyThroughItsApi(String... packages) {
        return classes().that().resideInAnyPackage(packages)
                .should().onlyDependOnClassesThat(not(resideInAPackage("io.azof.core..")).or(PUBLIC_API).or(ENGINE_SPI))
                .because("format-core's internals (snapshot log and JSON, committer, planners, row readers and writers,"
                        + " maintenance algorithms) are reached through io.azof.core.Table (SPEC section 9)");
    }

    private static DescribedPredicate<JavaClass> named(Set<String> names) {
        return DescribedPredicate.describe("named one of " + names, javaClass -> names.contains(javaClass.getName()));
    }
}
