package io.azof.core.io;

/**
 * A file found by listing a table directory.
 *
 * @param path relative to the table directory, with {@code /} separators (e.g. {@code data/2024-01/b0-….parquet})
 * @param size length in bytes
 * @param modifiedMillis last modification time in epoch milliseconds, as the store reports it
 */
public record FileEntry(String path, long size, long modifiedMillis) {
}
