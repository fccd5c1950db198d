package io.azof.benchmarks;

/** The named sizes of each scenario: the reference size results are reported at, and a quick one for CI and checks. */
public enum Size {
    SMALL, REFERENCE
}
