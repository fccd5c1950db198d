package io.azof.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The answers every run returned, checked two ways: each (method, T) returns the same answer on every
 * repetition, and at each T all as-of methods return the same answer. A benchmark whose methods disagree
 * would be comparing the speed of different questions.
 */
public final class AnswerCheck {
    private final Map<Instant, Map<Method, Answer>> first = new TreeMap<>();
    private final List<String> mismatches = new ArrayList<>();

    public void add(Method method, Instant asOf, Answer answer) {
        Answer earlier = first.computeIfAbsent(asOf, t -> new EnumMap<>(Method.class)).putIfAbsent(method, answer);
        if (earlier != null && !earlier.matches(answer)) {
            mismatches.add(String.format("%s as of %s returned %s, and earlier %s", method.label, asOf, answer, earlier));
        }
    }

    /** Compares the as-of methods at each T; call once every method ran at every T. */
    public void compareMethods() {
        first.forEach((asOf, answers) -> {
            Method reference = null;
            for (Map.Entry<Method, Answer> entry : answers.entrySet()) {
                if (!entry.getKey().asOf) {
                    continue;
                }
                if (reference == null) {
                    reference = entry.getKey();
                } else if (!answers.get(reference).matches(entry.getValue())) {
                    mismatches.add(String.format("as of %s: %s returned %s but %s returned %s",
                            asOf, entry.getKey().label, entry.getValue(), reference.label, answers.get(reference)));
                }
            }
        });
    }

    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    public Optional<Answer> answer(Method method, Instant asOf) {
        return Optional.ofNullable(first.getOrDefault(asOf, Map.of()).get(method));
    }
}
