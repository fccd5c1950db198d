package io.azof.core.layout;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentGranularityTest {

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({
        "DAY,     2024-02-29T13:45:00Z,        2024-02-29, 2024-02-29T00:00:00Z, 2024-03-01T00:00:00Z",
        "MONTH,   2024-02-29T13:45:00Z,        2024-02,    2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z",
        "MONTH,   2024-12-31T23:59:59.999999Z, 2024-12,    2024-12-01T00:00:00Z, 2025-01-01T00:00:00Z",
        "QUARTER, 2024-05-15T00:00:00Z,        2024-Q2,    2024-04-01T00:00:00Z, 2024-07-01T00:00:00Z",
        "QUARTER, 2024-10-01T00:00:00Z,        2024-Q4,    2024-10-01T00:00:00Z, 2025-01-01T00:00:00Z",
        "YEAR,    1969-07-20T20:17:00Z,        1969,       1969-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
    })
    void segmentIsTheUtcCalendarPeriod(SegmentGranularity granularity, String eventTime, String id, String start, String nextStart) {
        SegmentRange range = granularity.segmentOf(micros(eventTime));
        assertThat(range.id()).isEqualTo(id);
        assertThat(range.startMicros()).isEqualTo(micros(start));
        // Ends are inclusive: the last microsecond before the next period starts.
        assertThat(range.endMicros()).isEqualTo(micros(nextStart) - 1);
    }

    @Property(tries = 300)
    void everyEventTimeFallsInItsSegmentAndSegmentsDoNotOverlap(
            @ForAll @LongRange(min = -2_000_000_000_000_000L, max = 4_000_000_000_000_000L) long t) {
        for (SegmentGranularity g : SegmentGranularity.values()) {
            SegmentRange range = g.segmentOf(t);
            assertThat(range.contains(t)).isTrue();
            assertThat(g.segmentOf(range.startMicros())).isEqualTo(range);
            assertThat(g.segmentOf(range.endMicros())).isEqualTo(range);
            assertThat(g.segmentOf(range.endMicros() + 1).startMicros()).isEqualTo(range.endMicros() + 1);
        }
    }

    @ParameterizedTest
    @CsvSource({"month, MONTH", "Quarter, QUARTER", " year , YEAR", "DAY, DAY"})
    void parsesCaseInsensitively(String text, SegmentGranularity expected) {
        assertThat(SegmentGranularity.parse("segmentGranularity", text)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void unknownGranularityNamesOptionValueAndChoices() {
        assertThatThrownBy(() -> SegmentGranularity.parse("segmentGranularity", "week"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'segmentGranularity'")
                .hasMessageContaining("'week'")
                .hasMessageContaining("day, month, quarter, year");
    }
}
