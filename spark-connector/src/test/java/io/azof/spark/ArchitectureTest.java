package io.azof.spark;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.azof.core.testing.CoreApi;

/**
 * The connector's layering, on its main classes: the entry points Spark and users name ({@code AzofDataSource},
 * {@code AzofCatalog}, {@code AzofTable}, the session extensions) on top; catalog and SQL function below them; read
 * and write below those; {@code common} (locations, options, schema and value conversion, the per-line Spark calls) at
 * the bottom. format-core is reached through its API only.
 */
@AnalyzeClasses(packages = "io.azof.spark", importOptions = CoreApi.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("io.azof.spark.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry").definedBy("io.azof.spark")
            .layer("Sql").definedBy("io.azof.spark.sql..")
            .layer("Catalog").definedBy("io.azof.spark.catalog..")
            .layer("Read").definedBy("io.azof.spark.read..")
            .layer("Write").definedBy("io.azof.spark.write..")
            .layer("Common").definedBy("io.azof.spark.common..")
            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("Sql").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Entry", "Sql")
            .whereLayer("Read").mayOnlyBeAccessedByLayers("Entry", "Catalog", "Sql")
            .whereLayer("Write").mayOnlyBeAccessedByLayers("Entry", "Catalog")
            .whereLayer("Common").mayOnlyBeAccessedByLayers("Entry", "Sql", "Catalog", "Read", "Write");

    @ArchTest
    static final ArchRule coreThroughItsApi = CoreApi.usedOnlyThroughItsApi("io.azof.spark..");
}
