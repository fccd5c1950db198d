package io.azof.core;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.write.WriteOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The names of azof's read and write options, as engines take them (case-insensitive), and the check that catches a
 * misspelt one: engines pass options they do not know through (file system settings, their own), so without it
 * {@code asOff} would be ignored and the read would silently return the current table.
 */
public final class OptionNames {
    /** The event time to read at. */
    public static final String AS_OF = "asOf";
    /** The snapshot version to read. */
    public static final String VERSION_AS_OF = "versionAsOf";
    /** The system time whose latest version to read. */
    public static final String SYSTEM_TIME_AS_OF = "systemTimeAsOf";

    public static final List<String> READ = List.of(AS_OF, VERSION_AS_OF, SYSTEM_TIME_AS_OF);

    /** Every azof option, read and write. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(READ);
        all.addAll(WriteOptions.NAMES);
        ALL = List.copyOf(all);
    }

    /** At most this many single-character edits (insert, delete, replace, swap neighbours) make a near miss. */
    static final int MAX_EDITS = 2;

    private OptionNames() {
    }

    /**
     * Refuses every given option that is not an azof option but one or two edits from one (case-insensitively):
     * {@code "unknown option 'asOff' — did you mean 'asOf'?"}. Other unknown options pass, as engines' own do.
     *
     * @param passThrough names the engine itself gives that must never be taken for typos (e.g. {@code path})
     * @throws InvalidOptionException naming the option and the azof option it is near
     */
    public static void rejectNearMisses(Collection<String> given, Collection<String> passThrough) {
        for (String name : given) {
            if (passThrough.stream().anyMatch(name::equalsIgnoreCase)) {
                continue;
            }
            Optional<String> meant = nearMiss(name);
            if (meant.isPresent()) {
                throw new InvalidOptionException("Unknown option '" + name + "' — did you mean '" + meant.get() + "'? azof options are "
                        + String.join(", ", ALL) + " (names are case-insensitive)");
            }
        }
    }

    /** The azof option {@code name} is one or two edits from, when it is not an azof option itself. */
    static Optional<String> nearMiss(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestEdits = MAX_EDITS + 1;
        for (String option : ALL) {
            String known = option.toLowerCase(Locale.ROOT);
            if (known.equals(lower)) {
                return Optional.empty();
            }
            int edits = edits(lower, known);
            if (edits < bestEdits) {
                best = option;
                bestEdits = edits;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus swaps of neighbouring characters ("aOsf" is one edit from "asOf"). */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
