package io.azof.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.exceptions.VersionNotFoundException;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which snapshot a table is at: version.txt is a hint, checked against the snapshot files (SPEC section 6.5, item 5). */
class LatestVersionTest {
    private static final String SNAPSHOT = """
            {"schema": {"columns": [{"name": "value", "data_type": "String", "nullable": false}]},
             "segments": [{"id": "1", "start": "2024-01-01T00:00:00.000Z", "file": "base.parquet"}]}""";

    @TempDir
    Path dir;

    private TableStorage storage() throws IOException {
        return TestTables.localStorage(dir);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void opensTheSnapshotVersionTxtNames() throws IOException {
        write("version.txt", "2\n");
        write("s1.json", SNAPSHOT.replace("base.parquet", "old.parquet"));
        write("s2.json", SNAPSHOT);

        Snapshot snapshot = Table.forStorage(storage()).latestSnapshot();

        assertThat(snapshot.version()).isEqualTo(2);
        assertThat(snapshot.segments().get(0).baseFile()).isEqualTo("base.parquet");
    }

    @Test
    void directoryWithoutVersionTxtIsNotATable() {
        assertThatThrownBy(() -> Table.forStorage(storage()).latestSnapshot())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("No azof table at")
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("version.txt is missing or unreadable");
    }

    @Test
    void missingDirectoryIsNotATable() {
        assertThatThrownBy(() -> TestTables.localTable(dir.resolve("nope")).latestSnapshot())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void unreadableVersionTxtWithoutSnapshotsIsNotATable() throws IOException {
        write("version.txt", "latest");
        assertThatThrownBy(() -> Table.forStorage(storage()).latestSnapshot())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("version.txt is missing or unreadable");
    }

    @Test
    void unreadableVersionTxtFallsBackToTheSnapshotFiles() throws IOException {
        // A reader can catch a writer rewriting the hint; the snapshot files are the truth.
        write("version.txt", "");
        write("s1.json", SNAPSHOT.replace("base.parquet", "old.parquet"));
        write("s2.json", SNAPSHOT);
        assertThat(Table.forStorage(storage()).latestSnapshot().version()).isEqualTo(2);
    }

    @Test
    void staleVersionTxtFindsLaterSnapshots() throws IOException {
        write("version.txt", "1");
        write("s1.json", SNAPSHOT.replace("base.parquet", "old.parquet"));
        write("s2.json", SNAPSHOT);
        assertThat(Table.forStorage(storage()).latestSnapshot().version()).isEqualTo(2);
    }

    @Test
    void versionTxtNamingAMissingSnapshotFallsBackToTheSnapshotFiles() throws IOException {
        // A torn hint ("90" from "9" and "10" written at once) must not make the table unreadable.
        write("version.txt", "90");
        write("s1.json", SNAPSHOT);
        assertThat(Table.forStorage(storage()).latestSnapshot().version()).isEqualTo(1);
    }

    /** Listing the retained versions reads snapshots; a missing one must not turn the error into another (or a loop). */
    @Test
    void unknownVersionInATableWithAMissingSnapshotStillNamesTheVersion() throws IOException {
        write("version.txt", "3");
        write("s1.json", SNAPSHOT);
        write("s3.json", SNAPSHOT);
        assertThatThrownBy(() -> Table.forStorage(storage()).snapshot(7))
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessageContaining("Version 7 does not exist")
                .hasMessageContaining("snapshot files exist for versions 1 to 3")
                .hasMessageContaining("s2.json");
    }

    @Test
    void brokenSnapshotNamesItsFile() throws IOException {
        write("version.txt", "1");
        write("s1.json", "{ not json");
        assertThatThrownBy(() -> Table.forStorage(storage()).latestSnapshot())
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("s1.json");
    }
}
