package io.azof.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidMetadataException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stub that replaces an expired version's snapshot file (SPEC section 6.10). */
class ExpiredSnapshotJsonTest {
    private static final String STUB = """
            {"format_version": 2, "version": 3, "expired": true,
             "committed_at": "2024-06-03T10:15:30.250Z", "operation": "overwrite", "write_id": "nightly-42",
             "summary": {"rows_added": 7, "files_added": 2, "rows_removed": 11, "files_removed": 4}}""";

    @Test
    void parsesAStubAsTheCommitRecordOfAnExpiredVersion() {
        SnapshotFile file = SnapshotJson.parseFile("s3.json", 3, STUB);

        assertThat(file).isEqualTo(new ExpiredSnapshot(new CommitRecord(3, Instant.parse("2024-06-03T10:15:30.250Z").toEpochMilli(),
                "overwrite", "nightly-42", 7, 2, 11, 4)));
        assertThat(file.version()).isEqualTo(3);
    }

    @Test
    void writesAStubThatParsesBack() {
        ExpiredSnapshot stub = new ExpiredSnapshot(new CommitRecord(9, 1_717_000_000_123L, "append", null, 5, 1, 0, 0));
        String json = SnapshotJson.writeExpired(stub);

        assertThat(SnapshotJson.parseFile("s9.json", 9, json)).isEqualTo(stub);
        assertThat(json).doesNotContain("write_id").doesNotContain("segments").doesNotContain("\"table\"");
    }

    @Test
    void readingAStubAsASnapshotIsAnErrorNamingTheFile() {
        assertThatThrownBy(() -> SnapshotJson.parse("s3.json", 3, STUB))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s3.json")
                .hasMessageContaining("expired version 3");
    }

    @Test
    void malformedStubsAreErrorsNamingTheField() {
        assertThatThrownBy(() -> SnapshotJson.parseFile("s3.json", 3, STUB.replace("\"expired\": true", "\"expired\": \"yes\"")))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s3.json")
                .hasMessageContaining("field expired must be true or false");
        assertThatThrownBy(() -> SnapshotJson.parseFile("s3.json", 3, STUB.replace("\"committed_at\"", "\"committed\"")))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("required field committed_at is missing");
        assertThatThrownBy(() -> SnapshotJson.parseFile("s4.json", 4, STUB))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("field version is 3 but the file name says 4");
        assertThatThrownBy(() -> SnapshotJson.parseFile("s3.json", 3, STUB.replace("\"rows_removed\": 11", "\"rows_removed\": \"11\"")))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("summary.rows_removed");
    }
}
