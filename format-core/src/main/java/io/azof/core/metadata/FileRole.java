package io.azof.core.metadata;

/** What a planned data file holds. */
public enum FileRole {
    /** The materialised state of a segment at its start. */
    BASE,
    /** Records whose event times fall in the delta's range. */
    DELTA
}
