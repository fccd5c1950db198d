package io.azof.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.azof.core.testing.CoreApi;

/**
 * format-core's layering (SPEC section 9), checked on its main classes: packages import only packages below them, so
 * pure logic (plan, merge, metadata) never reaches storage or commits, and nothing reaches back up to the API.
 */
@AnalyzeClasses(packages = "io.azof.core", importOptions = CoreApi.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noEngineInTheCore = noClasses().that().resideInAPackage("io.azof.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .because("format-core is engine-neutral: the Spark connector and the command line build on it, not the reverse");

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("io.azof.core.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Api").definedBy("io.azof.core")
            .layer("Maintenance").definedBy("io.azof.core.maintenance..")
            .layer("Write").definedBy("io.azof.core.write..")
            .layer("Commit").definedBy("io.azof.core.commit..")
            .layer("Coverage").definedBy("io.azof.core.coverage..")
            .layer("Scan").definedBy("io.azof.core.scan..")
            .layer("Log").definedBy("io.azof.core.log..")
            .layer("ParquetIo").definedBy("io.azof.core.io.parquet..")
            .layer("Merge").definedBy("io.azof.core.merge..")
            .layer("Plan").definedBy("io.azof.core.plan..")
            .layer("Storage").definedBy("io.azof.core.io")
            .layer("Metadata").definedBy("io.azof.core.metadata..")
            .layer("Layout").definedBy("io.azof.core.layout..")
            .layer("Slots").definedBy("io.azof.core.slots..")
            .layer("Foundation").definedBy("io.azof.core.types..", "io.azof.core.time..", "io.azof.core.exceptions..")
            .whereLayer("Api").mayNotBeAccessedByAnyLayer()
            .whereLayer("Maintenance").mayOnlyBeAccessedByLayers("Api")
            .whereLayer("Write").mayOnlyBeAccessedByLayers("Api", "Maintenance")
            .whereLayer("Commit").mayOnlyBeAccessedByLayers("Api", "Write")
            .whereLayer("Coverage").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Write")
            .whereLayer("Scan").mayOnlyBeAccessedByLayers("Api", "Maintenance")
            .whereLayer("Log").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Write", "Commit", "Coverage")
            .whereLayer("ParquetIo").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Write", "Scan", "Coverage")
            .whereLayer("Merge").mayOnlyBeAccessedByLayers("Maintenance", "Scan")
            .whereLayer("Plan").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Scan", "ParquetIo")
            .whereLayer("Storage").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Write", "Commit", "Coverage", "Scan", "Log", "ParquetIo",
                    "Merge")
            .whereLayer("Metadata").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Write", "Commit", "Coverage", "Scan", "Log", "ParquetIo",
                    "Plan")
            .whereLayer("Layout").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Write", "Commit", "Coverage", "Scan", "ParquetIo", "Plan",
                    "Metadata")
            .whereLayer("Slots").mayOnlyBeAccessedByLayers("Api", "Maintenance", "Write", "Commit", "Coverage", "Scan", "Log", "ParquetIo",
                    "Plan", "Metadata");
}
