package io.azof.core.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azof.core.exceptions.InvalidMetadataException;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the manifests of format version 3 (SPEC section 6.12): a part manifest (its bases, and its deltas or
 * the chunks holding them) and a chunk (deltas). Unlike snapshot roots they are written for machines, compactly and with
 * event times as whole microseconds, since a read of a large table parses thousands of entries.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KIND = "Manifest";

    private ManifestJson() {
    }

    public static byte[] writePart(PartManifest part, StructType keySchema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", TableDefinition.MANIFEST_FORMAT);
        ArrayNode bases = root.putArray("bases");
        for (BaseFile base : part.bases()) {
            ObjectNode entry = bases.addObject().put("file", base.file()).put("covers_version", base.coversVersion());
            SnapshotJson.writeStats(entry, base.stats(), keySchema, true);
        }
        if (part.isChunked()) {
            ArrayNode chunks = root.putArray("chunks");
            for (ChunkRef chunk : part.chunks()) {
                ObjectNode entry = chunks.addObject().put("file", chunk.file()).put("files", chunk.files());
                SnapshotJson.writeStats(entry, chunk.summary(), keySchema, true);
            }
        } else {
            writeDeltas(root, part.deltas(), keySchema);
        }
        return serialise(root);
    }

    public static byte[] writeChunk(List<DeltaFile> deltas, StructType keySchema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", TableDefinition.MANIFEST_FORMAT);
        writeDeltas(root, deltas, keySchema);
        return serialise(root);
    }

    /** A segment group's file: its segments with their parts, as a root that lists its segments itself has them. */
    public static byte[] writeGroup(List<SegmentRef> segments, StructType keySchema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", TableDefinition.MANIFEST_FORMAT);
        SnapshotJson.writeSegmentRefs(root, segments, keySchema);
        return serialise(root);
    }

    /** @param fileName named in every error */
    public static List<SegmentRef> parseGroup(String fileName, byte[] json, StructType keySchema) {
        SnapshotJson.Parser parser = new SnapshotJson.Parser(KIND, fileName, keySchema);
        return parser.segmentRefs(parser.required(tree(fileName, json), "", "segments"));
    }

    private static void writeDeltas(ObjectNode root, List<DeltaFile> deltas, StructType keySchema) {
        ArrayNode array = root.putArray("deltas");
        for (DeltaFile delta : deltas) {
            ObjectNode entry = array.addObject().put("file", delta.file()).put("start", delta.startMicros()).put("end", delta.endMicros());
            if (delta.coverage() != null) {
                entry.put("coverage", delta.coverage());
            }
            SnapshotJson.writeStats(entry, delta.stats(), keySchema, true);
        }
    }

    /** @param fileName named in every error */
    public static PartManifest parsePart(String fileName, byte[] json, StructType keySchema) {
        JsonNode root = tree(fileName, json);
        SnapshotJson.Parser parser = new SnapshotJson.Parser(KIND, fileName, keySchema);
        List<BaseFile> bases = new ArrayList<>();
        JsonNode basesNode = parser.array(parser.required(root, "", "bases"), "bases");
        for (int i = 0; i < basesNode.size(); i++) {
            String path = "bases[" + i + "]";
            JsonNode base = parser.object(basesNode.get(i), path);
            bases.add(new BaseFile(parser.text(parser.required(base, path, "file"), path + ".file"), parser.stats(base, path, true),
                    parser.number(parser.required(base, path, "covers_version"), path + ".covers_version")));
        }
        List<ChunkRef> chunks = new ArrayList<>();
        if (SnapshotJson.Parser.optional(root, "chunks") != null) {
            JsonNode chunksNode = parser.array(root.get("chunks"), "chunks");
            for (int i = 0; i < chunksNode.size(); i++) {
                String path = "chunks[" + i + "]";
                JsonNode chunk = parser.object(chunksNode.get(i), path);
                chunks.add(new ChunkRef(parser.text(parser.required(chunk, path, "file"), path + ".file"),
                        (int) parser.number(parser.required(chunk, path, "files"), path + ".files"), parser.stats(chunk, path, true)));
            }
            return new PartManifest(bases, List.of(), chunks);
        }
        return new PartManifest(bases, deltas(parser, root), List.of());
    }

    public static List<DeltaFile> parseChunk(String fileName, byte[] json, StructType keySchema) {
        return deltas(new SnapshotJson.Parser(KIND, fileName, keySchema), tree(fileName, json));
    }

    private static List<DeltaFile> deltas(SnapshotJson.Parser parser, JsonNode root) {
        JsonNode array = parser.array(parser.required(root, "", "deltas"), "deltas");
        List<DeltaFile> deltas = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = "deltas[" + i + "]";
            JsonNode delta = parser.object(array.get(i), path);
            JsonNode coverage = SnapshotJson.Parser.optional(delta, "coverage");
            deltas.add(new DeltaFile(parser.text(parser.required(delta, path, "file"), path + ".file"),
                    parser.number(parser.required(delta, path, "start"), path + ".start"),
                    parser.number(parser.required(delta, path, "end"), path + ".end"),
                    parser.stats(delta, path, true),
                    coverage == null ? null : parser.text(coverage, path + ".coverage")));
        }
        return deltas;
    }

    private static JsonNode tree(String fileName, byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMetadataException(KIND + " " + fileName + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidMetadataException(KIND + " " + fileName + " cannot be parsed: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMetadataException(KIND + " " + fileName + " must hold a JSON object");
        }
        JsonNode formatVersion = root.get("format_version");
        if (formatVersion == null || !formatVersion.canConvertToInt() || formatVersion.intValue() != TableDefinition.MANIFEST_FORMAT) {
            throw new InvalidMetadataException(KIND + " " + fileName + " has format_version " + formatVersion + "; this azof reads manifests of "
                    + TableDefinition.MANIFEST_FORMAT);
        }
        return root;
    }

    private static byte[] serialise(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a manifest", e);
        }
    }
}
