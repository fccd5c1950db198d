package io.azof.core.maintenance;

import io.azof.core.types.ValueText;
import java.util.ArrayList;
import java.util.List;

/** How validation messages show times, ranges, keys and version lists. */
final class Describe {
    private Describe() {
    }

    /** An event time; the open ends of ranges are Long.MIN_VALUE and Long.MAX_VALUE. */
    static String time(long micros) {
        if (micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        return micros == Long.MAX_VALUE ? "open" : ValueText.time(micros);
    }

    static String range(long startMicros, long endMicros) {
        return "[" + time(startMicros) + ", " + time(endMicros) + "]";
    }

    /** Ascending versions as runs: "1 to 3, 5 and 7". */
    static String versions(List<Long> ascending) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < ascending.size()) {
            int j = i;
            while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) {
                j++;
            }
            runs.add(j == i ? Long.toString(ascending.get(i)) : ascending.get(i) + " to " + ascending.get(j));
            i = j + 1;
        }
        if (runs.size() <= 1) {
            return String.join("", runs);
        }
        return String.join(", ", runs.subList(0, runs.size() - 1)) + " and " + runs.get(runs.size() - 1);
    }
}
