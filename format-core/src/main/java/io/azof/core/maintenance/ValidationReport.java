package io.azof.core.maintenance;

import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.maintenance.ValidationProblem.Severity;
import java.util.List;

/**
 * What {@link TableValidator} found.
 *
 * @param problems every problem, metadata problems first, then data files in the order the snapshots list them
 * @param versionsChecked retained snapshot versions read (expired ones are not counted)
 * @param filesChecked distinct data files the retained snapshots reference
 */
public record ValidationReport(List<ValidationProblem> problems, long versionsChecked, long filesChecked) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** True when no problem is an error; warnings do not make a table invalid. */
    public boolean isValid() {
        return errors().isEmpty();
    }

    public List<ValidationProblem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<ValidationProblem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    public List<ValidationProblem> problemsOf(Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /** A summary line, then one line per problem. */
    @Override
    public String toString() {
        int errors = errors().size();
        int warnings = warnings().size();
        StringBuilder text = new StringBuilder()
                .append(errors == 0 ? "valid" : "INVALID")
                .append(": ").append(count(errors, "error")).append(", ").append(count(warnings, "warning"))
                .append(" in ").append(count(versionsChecked, "version")).append(" and ").append(count(filesChecked, "data file"))
                .append(" checked");
        for (ValidationProblem problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
