package io.azof.core.testing;

import io.azof.core.metadata.TableSchema;
import io.azof.core.testing.EventHistory.Event;
import io.azof.core.time.AsOf;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code state(T)} of SPEC section 1 computed straight from the raw history, with no planner and no files:
 * for each key, among its events with {@code event_time <= T} (T inclusive, "current" = +infinity), the
 * one with the greatest event time. Deliberately naive so that it is obviously right; every read path is
 * checked against it.
 */
public final class BruteForceModel {
    private BruteForceModel() {
    }

    /** key -> full row {@code [key, eventTimeMicros, payload...]}. */
    public static Map<String, Object[]> state(EventHistory history, AsOf asOf) {
        Map<String, Event> latest = new HashMap<>();
        for (Event event : history.events()) {
            boolean visible = asOf.isCurrent() || event.eventTimeMicros() <= asOf.micros();
            Event known = latest.get(event.key());
            if (visible && (known == null || event.eventTimeMicros() > known.eventTimeMicros())) {
                latest.put(event.key(), event);
            }
        }
        Map<String, Object[]> state = new HashMap<>();
        latest.forEach((key, event) -> state.put(key, event.row()));
        return state;
    }

    /** key -> {@code [key, eventTimeMicros, requested columns in the requested order...]}. */
    public static Map<String, Object[]> state(EventHistory history, AsOf asOf, List<String> requestedColumns) {
        TableSchema schema = history.schema();
        Map<String, Object[]> projected = new HashMap<>();
        state(history, asOf).forEach((key, row) -> {
            Object[] out = new Object[2 + requestedColumns.size()];
            out[0] = row[0];
            out[1] = row[1];
            for (int i = 0; i < requestedColumns.size(); i++) {
                out[2 + i] = row[2 + schema.columns().indexOf(schema.column(requestedColumns.get(i)).orElseThrow())];
            }
            projected.put(key, out);
        });
        return projected;
    }
}
