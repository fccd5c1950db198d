package io.azof.core.time;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeStringsTest {
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // instants with zone: the session zone must not matter
        "2019-01-17T00:00:00Z,           2019-01-17T00:00:00Z",
        "2019-01-17T00:00:00.250Z,       2019-01-17T00:00:00.250Z",
        "2019-01-17T00:00:00.123456Z,    2019-01-17T00:00:00.123456Z",
        "2019-01-17T02:00:00+02:00,      2019-01-17T00:00:00Z",
        "2019-01-17T02:00:00.5+02:00,    2019-01-17T00:00:00.500Z",
        "2019-01-17 00:00:00Z,           2019-01-17T00:00:00Z",
        "2019-01-17T01:00:00+01:00[Europe/Paris], 2019-01-17T00:00:00Z",
    })
    void instantsWithZoneIgnoreSessionZone(String text, String expected) {
        assertThat(TimeStrings.parse("asOf", text, WARSAW)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void localDateTimeIsReadInSessionZone() {
        // Warsaw is UTC+1 in January and UTC+2 in July.
        assertThat(TimeStrings.parse("asOf", "2019-01-17T09:30:00", WARSAW)).isEqualTo(Instant.parse("2019-01-17T08:30:00Z"));
        assertThat(TimeStrings.parse("asOf", "2019-07-17 09:30:00.25", WARSAW)).isEqualTo(Instant.parse("2019-07-17T07:30:00.250Z"));
        assertThat(TimeStrings.parse("asOf", "2019-01-17T09:30:00", ZoneOffset.UTC)).isEqualTo(Instant.parse("2019-01-17T09:30:00Z"));
    }

    @Test
    void dateIsStartOfDayInSessionZone() {
        assertThat(TimeStrings.parse("asOf", "2019-01-17", ZoneOffset.UTC)).isEqualTo(Instant.parse("2019-01-17T00:00:00Z"));
        assertThat(TimeStrings.parse("asOf", "2019-01-17", WARSAW)).isEqualTo(Instant.parse("2019-01-16T23:00:00Z"));
    }

    @Test
    void subMicrosecondFractionsRoundTowardsThePast() {
        // T is inclusive and event times have microsecond precision: flooring keeps exactly the same records visible.
        AsOf asOf = TimeStrings.parseAsOf("asOf", "2019-01-17T00:00:00.0000019Z", ZoneOffset.UTC);
        assertThat(asOf.micros()).isEqualTo(micros("2019-01-17T00:00:00Z") + 1);
    }

    @Test
    void absentValueMeansCurrent() {
        assertThat(TimeStrings.parseAsOf("asOf", null, ZoneOffset.UTC).isCurrent()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2019-13-01", "2019-01-17T25:00:00Z", "17/01/2019", "1547683200", "", "  ", "2019-01-17T00:00:00 UTC+"})
    void unparsableValuesNameOptionValueAndForms(String text) {
        assertThatThrownBy(() -> TimeStrings.parse("asOf", text, ZoneOffset.UTC))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("option 'asOf'")
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("2019-01-17T00:00:00Z")
                .hasMessageContaining("'2019-01-17' (the start of that day");
    }

    @Test
    void errorNamesTheOptionItWasGivenFor() {
        assertThatThrownBy(() -> TimeStrings.parse("systemTimeAsOf", "soon", ZoneOffset.UTC))
                .hasMessageContaining("option 'systemTimeAsOf'");
    }
}
