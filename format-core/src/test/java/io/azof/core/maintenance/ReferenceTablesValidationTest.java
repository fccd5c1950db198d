package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.TableStorage;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.maintenance.ValidationProblem.Severity;
import io.azof.core.testing.ReferenceTables;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates every azof 0.2.1 reference table in place (read only, see {@link ReferenceTables}). They
 * are valid; the only findings are the two quirks of {@code financials} that are documented independently of
 * the validator: its {@code industry} column is declared not null but holds nulls (SPEC section 4), and five
 * keys have two different rows at 2019-06-01 in one delta file (SPEC section 6.7; the upgrade reports the same
 * five, see {@code UpgradeReferenceTablesTest}).
 */
class ReferenceTablesValidationTest {
    static Stream<String> referenceTables() {
        return ReferenceTables.names().stream();
    }

    private static TableStorage storage(String name) {
        return SeededTable.storage(ReferenceTables.table(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceTables")
    void referenceTableIsValidAndItsMetadataHasNoProblem(String name) {
        ValidationReport report = Table.forStorage(storage(name)).validate();

        assertThat(report.problems()).as(report.toString()).isEmpty();
        assertThat(report.versionsChecked()).isEqualTo(1);
        assertThat(report.filesChecked()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceTables")
    void deepValidationFindsOnlyTheDocumentedQuirks(String name) {
        ValidationReport report = Table.forStorage(storage(name)).validate(true);

        assertThat(report.isValid()).as(report.toString()).isTrue();
        if (!name.equals("financials")) {
            assertThat(report.problems()).as(report.toString()).isEmpty();
            return;
        }
        assertThat(report.problems()).extracting(ValidationProblem::kind)
                .containsOnly(Kind.NULL_IN_NOT_NULL_COLUMN, Kind.CONFLICTING_ROWS);
        assertThat(report.problems()).extracting(ValidationProblem::severity).containsOnly(Severity.WARNING);
        assertThat(report.problemsOf(Kind.NULL_IN_NOT_NULL_COLUMN)).isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).contains("a null in column 'industry', which the schema declares not null"));
        assertThat(report.problemsOf(Kind.CONFLICTING_ROWS)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("s1.json segments[19].segments[1].delta[0] (year_2019_q2_delta.parquet)");
            assertThat(p.message()).startsWith("5 keys and event times have differing rows in this file");
            for (String key : new String[] {"GGDVY", "TNISY", "VIBVY", "VLOWY", "YUEIY"}) {
                assertThat(p.message()).contains("key '" + key + "' at 2019-06-01T00:00:00Z");
            }
        });
    }
}
