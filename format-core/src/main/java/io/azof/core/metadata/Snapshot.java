package io.azof.core.metadata;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** One version of a table's metadata: the schema and the event-time segment tree (file s&lt;version&gt;.json). */
public record Snapshot(long version, TableSchema schema, List<Segment> segments) implements Serializable {
    public Snapshot {
        Objects.requireNonNull(schema, "schema");
        segments = List.copyOf(segments);
    }
}
