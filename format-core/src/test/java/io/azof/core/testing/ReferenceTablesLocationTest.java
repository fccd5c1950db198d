package io.azof.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * What {@link ReferenceTables} does when the tables are absent or present, on directories made here, and that
 * it names every table the shared fixtures hold (skipped without them).
 */
class ReferenceTablesLocationTest {
    @TempDir
    Path dir;

    @Test
    void anAbsentDirectorySkipsTheTestNamingTheDirectoryAndTheWayOut() {
        Path missing = dir.resolve("shared/fixtures/azof-0.2.1");

        assertThatThrownBy(() -> ReferenceTables.present(missing, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("azof 0.2.1 reference tables not found at " + missing + ": put the shared fixtures beside the checkout"
                        + " (../shared) or pass -Dazof.shared.dir=<dir> (the directory holding fixtures/azof-0.2.1) to run this test");
    }

    @Test
    void anAbsentDirectoryFailsTheTestWhenTheTablesAreRequired() {
        Path missing = dir.resolve("shared/fixtures/azof-0.2.1");

        assertThatThrownBy(() -> ReferenceTables.present(missing, true))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("azof 0.2.1 reference tables not found at " + missing + ": ")
                .hasMessageContaining("-Dazof.shared.dir=<dir>")
                .hasMessageEndingWith("(azof.referenceTables.required=true, so their absence fails the test instead of skipping it)");
    }

    @Test
    void aPresentDirectoryGivesItsTablesAndAMissingTableFails() throws IOException {
        for (String name : new String[] {"table1", "financials"}) {
            Files.createDirectories(dir.resolve(name));
            Files.writeString(dir.resolve(name).resolve("version.txt"), "1");
        }
        Files.writeString(dir.resolve("README"), "not a table");

        assertThat(ReferenceTables.present(dir, true)).isEqualTo(dir);
        assertThat(ReferenceTables.present(dir, false)).isEqualTo(dir);
        assertThat(ReferenceTables.list(dir)).containsExactly("financials", "table1");
        assertThat(ReferenceTables.table(dir, "table1")).isEqualTo(dir.resolve("table1"));
        assertThatThrownBy(() -> ReferenceTables.table(dir, "table0"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("azof 0.2.1 reference table table0 is missing from " + dir);
    }

    @Test
    void theSharedFixturesHoldExactlyTheNamedTables() {
        // Parameterised tests run over names(), so a table it left out would go untested.
        assertThat(ReferenceTables.list(ReferenceTables.dir()))
                .as("the tables in %s; ReferenceTables.names() must list them all", ReferenceTables.dir())
                .isEqualTo(ReferenceTables.names());
    }
}
