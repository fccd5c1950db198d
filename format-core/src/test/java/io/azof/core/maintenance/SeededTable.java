package io.azof.core.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.io.parquet.ParquetRowFileWriter;
import io.azof.core.log.MetadataFiles;
import io.azof.core.testing.TestTables;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A table in a local directory that tests corrupt on purpose: snapshot files edited as JSON, data files
 * rewritten, truncated or deleted. Storage is the raw local file system, so no checksum side files notice a
 * rewritten file before the validator does.
 */
final class SeededTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final TableStorage storage;

    SeededTable(Path dir) {
        this.dir = dir;
        this.storage = storage(dir);
    }

    static TableStorage storage(Path dir) {
        Configuration conf = new Configuration();
        conf.setClass("fs.file.impl", RawLocalFileSystem.class, FileSystem.class);
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return TestTables.localStorage(dir, conf);
    }

    ObjectNode snapshot(long version) {
        try {
            return (ObjectNode) JSON.readTree(dir.resolve(MetadataFiles.snapshotFile(version)).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeSnapshot(long version, JsonNode root) {
        write(MetadataFiles.snapshotFile(version), root.toPrettyString());
    }

    /** Edits one snapshot file in place. */
    void editSnapshot(long version, Consumer<ObjectNode> edit) {
        ObjectNode root = snapshot(version);
        edit.accept(root);
        writeSnapshot(version, root);
    }

    void write(String relativePath, String content) {
        try {
            Files.writeString(dir.resolve(relativePath), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String relativePath) {
        try {
            Files.delete(dir.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long size(String relativePath) {
        try {
            return Files.size(dir.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A data file entry of a snapshot, and where the validator reports it. */
    record Entry(ObjectNode node, String location, String file) {
    }

    /** The {@code index}-th entry of {@code kind} ("delta") of the top-level segment {@code segmentId} in {@code root}. */
    static Entry entry(long version, ObjectNode root, String segmentId, String kind, int index) {
        ArrayNode segments = (ArrayNode) root.get("segments");
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).get("id").asText().equals(segmentId)) {
                ObjectNode node = (ObjectNode) segments.get(i).get(kind).get(index);
                String file = node.get("file").asText();
                return new Entry(node, MetadataFiles.snapshotFile(version) + " segments[" + i + "]." + kind + "[" + index + "] (" + file + ")",
                        file);
            }
        }
        throw new IllegalArgumentException("no segment " + segmentId + " in s" + version + ".json");
    }

    /** Sets a field of every entry naming {@code file}, in every snapshot, so the snapshots keep agreeing with each other. */
    void setEverywhere(String file, String field, long value) {
        for (long version = 1; Files.exists(dir.resolve(MetadataFiles.snapshotFile(version))); version++) {
            ObjectNode root = snapshot(version);
            root.findParents("file").stream()
                    .filter(node -> node.get("file").asText().equals(file))
                    .forEach(node -> ((ObjectNode) node).put(field, value));
            writeSnapshot(version, root);
        }
    }

    /** Every record of a data file, as {@code schema}'s columns. */
    List<Object[]> records(String file, StructType schema) {
        List<Object[]> rows = new ArrayList<>();
        try (CloseableIterator<Object[]> it = ParquetRowFileReader.open(storage, file, schema, schema.fieldNames())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /**
     * Replaces a data file by one with other records (or columns), then records its new size everywhere, so
     * the only corruption is in the records.
     */
    void rewrite(String file, StructType schema, List<Object[]> rows) {
        try (ParquetRowFileWriter writer = ParquetRowFileWriter.create(storage.outputFile(file), schema,
                ParquetRowFileWriter.Options.defaults().withOverwrite(true))) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setEverywhere(file, "bytes", size(file));
    }

    void rewrite(String file, StructType schema, UnaryOperator<List<Object[]>> change) {
        rewrite(file, schema, change.apply(records(file, schema)));
    }

    /** Every file under the table directory with its bytes, to show that validation wrote nothing. */
    Map<String, String> contents() {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.toList()) {
                contents.put(dir.relativize(path).toString(), Files.isDirectory(path) ? "(directory)"
                        : new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }
}
