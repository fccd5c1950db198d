package io.azof.cli;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.azof.core.testing.CoreApi;

/** The command line reaches format-core through its API only. */
@AnalyzeClasses(packages = "io.azof.cli", importOptions = CoreApi.MainClassesOnly.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule coreThroughItsApi = CoreApi.usedOnlyThroughItsApi("io.azof.cli..");
}
