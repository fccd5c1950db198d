package io.azof.examples;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.azof.core.testing.CoreApi;

/** The examples show users' code: format-core through its API only. */
@AnalyzeClasses(packages = "io.azof.examples", importOptions = CoreApi.MainClassesOnly.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule coreThroughItsApi = CoreApi.usedOnlyThroughItsApi("io.azof.examples..");
}
