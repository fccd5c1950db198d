package io.azof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A misspelt azof option fails naming the option meant; other options pass through, as engines' own do. */
class OptionNamesTest {

    @ParameterizedTest
    @CsvSource({
            "asOff, asOf",
            "asof_, asOf",
            "aOsf, asOf",
            "versionAsOff, versionAsOf",
            "versoinAsOf, versionAsOf",
            "systemTimeAsOff, systemTimeAsOf",
            "keyColumn, keyColumns",
            "keycolums, keyColumns",
            "eventTimeColum, eventTimeColumn",
            "deleteColum, deleteColumn",
            "writeID_, writeId",
            "bucket, buckets",
            "segmentGranularty, segmentGranularity",
            "mergeSchem, mergeSchema"})
    void anOptionOneOrTwoEditsFromAnAzofOptionIsRefusedNamingIt(String given, String meant) {
        assertThatThrownBy(() -> OptionNames.rejectNearMisses(List.of(given), List.of()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Unknown option '" + given + "' — did you mean '" + meant + "'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"asOf", "ASOF", "versionasof", "keyColumns", "path", "paths", "fs.s3a.endpoint", "header", "compression",
            "timestampAsOf", "maxRecordsPerFile", "inferSchema", "spark.sql.parquet.compression.codec", "key"})
    void azofOptionsInAnyCaseAndOtherOptionsPass(String given) {
        assertThatCode(() -> OptionNames.rejectNearMisses(List.of(given), List.of("path", "paths"))).doesNotThrowAnyException();
    }

    @Test
    void namesTheEngineGivesItselfAreNeverTakenForTypos() {
        assertThatCode(() -> OptionNames.rejectNearMisses(List.of("asOff"), List.of("ASOFF"))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"asOf, asOf, 0", "asOff, asOf, 1", "aOsf, asOf, 1", "asO, asOf, 1", "sOf, asOf, 1", "xyOf, asOf, 2", "kitten, sitting, 3"})
    void editsCountInsertionsDeletionsReplacementsAndSwaps(String a, String b, int edits) {
        assertThat(OptionNames.edits(a.toLowerCase(), b.toLowerCase())).isEqualTo(edits);
    }
}
