package io.azof.core.log;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parsed format version 3 metadata files (segment groups, part manifests, chunks) of this JVM, least recently used first
 * out, up to a total of {@link #maxBytes} bytes of the files' JSON. Such files are immutable and their names never reused
 * (SPEC section 6.12), so an entry is valid for as long as the file exists: a notebook's or a Spark driver's second plan of a
 * table reads only what commits added since, as Delta Lake's snapshot cache and Iceberg's manifest cache spare theirs.
 */
final class ManifestCache {
    /**
     * System property: the most JSON bytes the cache holds (default 16 MiB, about 50 to 80 MiB of parsed heap, enough for a
     * one-key plan of a million-file table); 0 turns the cache off.
     */
    static final String MAX_BYTES_PROPERTY = "azof.manifest.cacheBytes";
    static final long DEFAULT_MAX_BYTES = 16L << 20;

    static final ManifestCache SHARED = new ManifestCache(Long.getLong(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES));

    private record Entry(Object value, long bytes) {
    }

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ManifestCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A file's parsed content, keyed by its location: cached, or parsed by {@code read} and cached when it fits. */
    <T> T get(String location, Supplier<Parsed<T>> read) {
        if (maxBytes <= 0) {
            return read.get().value();
        }
        synchronized (this) {
            Entry entry = entries.get(location);
            if (entry != null) {
                @SuppressWarnings("unchecked")
                T value = (T) entry.value();
                return value;
            }
        }
        // Read outside the lock: manifests are read 16 at a time. Two readers of one file may both parse it; either is right.
        Parsed<T> parsed = read.get();
        synchronized (this) {
            if (parsed.bytes() <= maxBytes && !entries.containsKey(location)) {
                entries.put(location, new Entry(parsed.value(), parsed.bytes()));
                bytes += parsed.bytes();
                Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
                while (bytes > maxBytes) {
                    bytes -= eldest.next().getValue().bytes();
                    eldest.remove();
                }
            }
        }
        return parsed.value();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** A parsed file and the bytes of its JSON. */
    record Parsed<T>(T value, long bytes) {
    }
}
