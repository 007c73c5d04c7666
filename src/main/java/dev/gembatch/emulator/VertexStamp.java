package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What Vertex AI adds to every chunk of an answer (PROTOCOL.md 3.7): {@code createTime}, the same
 * on every chunk, and {@code usageMetadata.trafficType} ({@code ON_DEMAND} here).
 */
final class VertexStamp {
    static final String TRAFFIC_TYPE = "ON_DEMAND";

    private VertexStamp() {
    }

    /** The plan as Vertex would send it when {@code vertex}, else unchanged. */
    static Plan onVertex(boolean vertex, Plan plan) {
        if (!vertex) {
            return plan;
        }
        String created = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        for (ObjectNode event : plan.events()) {
            JsonNode usage = event.get("usageMetadata");
            if (usage instanceof ObjectNode u) {
                u.put("trafficType", TRAFFIC_TYPE);
            }
            event.put("createTime", created);
        }
        return plan;
    }
}
