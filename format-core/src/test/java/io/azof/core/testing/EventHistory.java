package io.azof.core.testing;

import io.azof.core.metadata.TableSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ground truth of a test table: every event ever written, independent of how any layout stores it.
 *
 * <p>At most one event per key and event time, because SPEC section 1 makes two such records in one write
 * ambiguous and azof 0.2.1 tables carry no version that could order them.
 */
public record EventHistory(TableSchema schema, List<Event> events) {

    /** One upsert: a key, its event time in epoch microseconds, and one value per schema column (nulls allowed). */
    public record Event(String key, long eventTimeMicros, List<Object> payload) {
        public Event {
            Objects.requireNonNull(key, "key");
            payload = Collections.unmodifiableList(new ArrayList<>(payload));
        }

        /** The row as data files and readers hold it: {@code [key, eventTimeMicros, payload...]}. */
        public Object[] row() {
            Object[] row = new Object[2 + payload.size()];
            row[0] = key;
            row[1] = eventTimeMicros;
            for (int i = 0; i < payload.size(); i++) {
                row[2 + i] = payload.get(i);
            }
            return row;
        }
    }

    public EventHistory {
        Objects.requireNonNull(schema, "schema");
        events = List.copyOf(events);
        Set<String> keyTimes = new HashSet<>();
        for (Event event : events) {
            if (event.payload().size() != schema.columns().size()) {
                throw new IllegalArgumentException("event " + event + " has " + event.payload().size()
                        + " payload values, the schema has " + schema.columns().size() + " columns");
            }
            if (!keyTimes.add(event.key() + "@" + event.eventTimeMicros())) {
                throw new IllegalArgumentException("two events of key " + event.key() + " at " + event.eventTimeMicros());
            }
        }
    }
}
