package dev.gembatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A segment's {@code _segment.json}: the store format version it was written in, its id, the
 * run that wrote it, when, the segments it replaces (a compaction's inputs), the Spark schema of
 * its files, and per model its rows, oldest answer and files (path relative to the segment,
 * length in bytes). Written inside the segment before the segment is renamed into place, so a
 * visible segment always has its manifest.
 */
record SegmentManifest(int version, String id, String run, Instant created,
                       List<String> replaces, String schemaJson, Map<String, ModelPart> models) {
    static final String FILE = "_segment.json";
    private static final String FORMAT = "gembatch-answer-store-segment";
    private static final ObjectMapper JSON = new ObjectMapper();

    SegmentManifest {
        replaces = List.copyOf(replaces);
        models = Map.copyOf(models);
    }

    /** One model's part of a segment. */
    record ModelPart(long rows, Instant oldest, List<DataFile> files) {
        ModelPart {
            files = List.copyOf(files);
        }

        long bytes() {
            return files.stream().mapToLong(DataFile::bytes).sum();
        }
    }

    /** One Parquet file, its path relative to the segment folder. */
    record DataFile(String path, long bytes) {
    }

    long bytes() {
        return models.values().stream().mapToLong(ModelPart::bytes).sum();
    }

    long rows() {
        return models.values().stream().mapToLong(ModelPart::rows).sum();
    }

    byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", version)
                .put("segment", id).put("run", run).put("created", created.toString());
        replaces.forEach(root.putArray("replaces")::add);
        root.set("schema", JSON.readTree(schemaJson));
        ObjectNode models = root.putObject("models");
        this.models.forEach((name, part) -> {
            ObjectNode m = models.putObject(name).put("rows", part.rows())
                    .put("oldest", part.oldest().toString());
            ArrayNode files = m.putArray("files");
            part.files().forEach(f -> files.addObject().put("path", f.path())
                    .put("bytes", f.bytes()));
        });
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Parses a manifest; any missing or mistyped field is an IOException saying which. */
    static SegmentManifest parse(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a gembatch segment manifest (format is not " + FORMAT + ")");
        }
        List<String> replaces = new ArrayList<>();
        root.path("replaces").forEach(r -> replaces.add(r.asText()));
        Map<String, ModelPart> models = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("models").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> m = it.next();
            List<DataFile> files = new ArrayList<>();
            for (JsonNode f : m.getValue().path("files")) {
                files.add(new DataFile(text(f, "path"), number(f, "bytes")));
            }
            models.put(m.getKey(), new ModelPart(number(m.getValue(), "rows"),
                    Instant.parse(text(m.getValue(), "oldest")), files));
        }
        return new SegmentManifest((int) number(root, "version"), text(root, "segment"),
                text(root, "run"), Instant.parse(text(root, "created")), replaces,
                root.path("schema").toString(), models);
    }

    private static String text(JsonNode node, String field) throws IOException {
        if (!node.path(field).isTextual()) {
            throw new IOException("manifest field '" + field + "' is missing or not text");
        }
        return node.path(field).asText();
    }

    private static long number(JsonNode node, String field) throws IOException {
        if (!node.path(field).canConvertToLong()) {
            throw new IOException("manifest field '" + field + "' is missing or not a number");
        }
        return node.path(field).asLong();
    }
}
