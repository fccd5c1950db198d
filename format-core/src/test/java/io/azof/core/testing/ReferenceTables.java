package io.azof.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The tables azof 0.2.1 (the Rust original) wrote, read in place from {@code <azof.shared.dir>/fixtures/azof-0.2.1}.
 * They belong to another project and are never copied into this repository, so a fresh clone lacks them: then
 * {@link #dir()} and {@link #table(String)} abort the calling test (reported as skipped) with a message naming the
 * directory, or fail it when the system property {@value #REQUIRED_PROPERTY} is {@code true} (CI sets it, so the
 * tables cannot go missing unnoticed). This class is the only place that knows where the tables are.
 *
 * <p>Call them from test methods or {@code @BeforeEach}, so each test is reported as skipped with the message. An
 * abort in {@code @BeforeAll} or in an argument source skips the tests too, but surefire then reports none of them
 * ("Tests run: 0", SUREFIRE-2300), so parameterised tests take their arguments from {@link #names()}, which reads
 * nothing. In a static initialiser an abort becomes an {@link ExceptionInInitializerError}, a failure.
 */
public final class ReferenceTables {
    /** The shared fixtures' root, set by surefire from the Maven property of the same name (parent pom). */
    static final String DIR_PROPERTY = "azof.shared.dir";
    /** {@code true}: absent tables fail the test instead of skipping it. */
    static final String REQUIRED_PROPERTY = "azof.referenceTables.required";

    private static final List<String> NAMES = List.of("financials", "table0", "table1", "table2");

    private ReferenceTables() {
    }

    /** The directory holding one directory per reference table. */
    public static Path dir() {
        return present(configuredDir(), Boolean.getBoolean(REQUIRED_PROPERTY));
    }

    /** The reference table {@code name} (e.g. {@code table0}, {@code financials}). */
    public static Path table(String name) {
        return table(dir(), name);
    }

    /**
     * The names of the reference tables, sorted, without looking for them (see the class comment). azof 0.2.1's
     * fixtures are a released set; ReferenceTablesLocationTest checks the directory holds exactly these.
     */
    public static List<String> names() {
        return NAMES;
    }

    static Path configuredDir() {
        // Surefire always sets the property; the fallback is the same place seen from a module directory,
        // where an IDE that ignores the pom runs a module's tests.
        String shared = System.getProperty(DIR_PROPERTY, "../../shared");
        return Path.of(shared, "fixtures", "azof-0.2.1").toAbsolutePath().normalize();
    }

    /** {@code dir} if it is a directory; otherwise aborts the test, or fails it when {@code required}. */
    static Path present(Path dir, boolean required) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        String message = "azof 0.2.1 reference tables not found at " + dir + ": put the shared fixtures beside the checkout"
                + " (../shared) or pass -D" + DIR_PROPERTY + "=<dir> (the directory holding fixtures/azof-0.2.1) to run this test";
        if (required) {
            return fail(message + " (" + REQUIRED_PROPERTY + "=true, so their absence fails the test instead of skipping it)");
        }
        return Assumptions.abort(message);
    }

    static Path table(Path dir, String name) {
        // The fixtures are there but this table is not: a broken fixture set, never a reason to skip.
        Path table = dir.resolve(name);
        if (!Files.isRegularFile(table.resolve("version.txt"))) {
            fail("azof 0.2.1 reference table " + name + " is missing from " + dir + " (no " + table.resolve("version.txt") + ")");
        }
        return table;
    }

    /** The table directories {@code dir} holds, sorted. */
    static List<String> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the reference tables in " + dir, e);
        }
    }
}
