package io.azof.core.testing;

import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.LegacyDataFileWriter;
import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.SnapshotJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Puts a {@link LegacyLayout} on storage as azof 0.2.1 would have: Parquet data files, s1.json, version.txt. */
public final class LegacyTableWriter {
    private LegacyTableWriter() {
    }

    public static void write(LegacyLayout layout, TableStorage storage) throws IOException {
        for (Map.Entry<String, List<Object[]>> file : layout.files().entrySet()) {
            try (LegacyDataFileWriter writer = LegacyDataFileWriter.create(storage, file.getKey(), layout.snapshot().schema())) {
                for (Object[] row : file.getValue()) {
                    writer.write(row);
                }
            }
        }
        storage.writeAll(MetadataFiles.snapshotFile(layout.snapshot().version()),
                SnapshotJson.write(layout.snapshot()).getBytes(StandardCharsets.UTF_8));
        storage.writeAll(MetadataFiles.VERSION_HINT, Long.toString(layout.snapshot().version()).getBytes(StandardCharsets.UTF_8));
    }
}
