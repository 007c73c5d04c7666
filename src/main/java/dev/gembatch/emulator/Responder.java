package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler.ResponseTrigger;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicResponseProducer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Sends responses for one exchange: whole bodies (errors, unary, stats) or the head of a stream.
 * An answer served at a tier carries Google's {@code x-gemini-service-tier} header naming it.
 */
final class Responder {
    /** The response header naming the tier that served a generation request. */
    static final String SERVED_TIER = "x-gemini-service-tier";
    private final ResponseTrigger trigger;
    private final HttpContext context;
    private final boolean gzip;
    private final String servedTier;

    Responder(ResponseTrigger trigger, HttpContext context, boolean gzip) {
        this(trigger, context, gzip, null);
    }

    private Responder(ResponseTrigger trigger, HttpContext context, boolean gzip, String servedTier) {
        this.trigger = trigger;
        this.context = context;
        this.gzip = gzip;
        this.servedTier = servedTier;
    }

    /** This responder for an answer served at {@code tier} (standard, flex, priority). */
    Responder servedAt(String tier) {
        return new Responder(trigger, context, gzip, tier);
    }

    boolean gzip() {
        return gzip;
    }

    /** A complete body with Content-Length (gzipped when the client accepts it). */
    void whole(int status, String contentType, String text) {
        BasicHttpResponse response = new BasicHttpResponse(status);
        if (status == 200 && servedTier != null) {
            response.addHeader(SERVED_TIER, servedTier);
        }
        if (gzip) {
            response.addHeader("Content-Encoding", "gzip");
        }
        byte[] bytes = BodyEncoder.whole(text, gzip);
        submit(new BasicResponseProducer(response, new BasicAsyncEntityProducer(bytes, ContentType.parse(contentType))));
    }

    /** A Google error body in the layout of the wire format. */
    void error(WireFormat format, JsonNode error) {
        whole(error.path("error").path("code").asInt(500), format.contentType, format.errorBody(error));
    }

    /** The 200 head of a stream whose chunks the body delivers later. */
    void streamHead(WireFormat format, StreamBody body) {
        BasicHttpResponse response = new BasicHttpResponse(200);
        if (servedTier != null) {
            response.addHeader(SERVED_TIER, servedTier);
        }
        if (format == WireFormat.SSE) {
            response.addHeader("Content-Disposition", "attachment");
        }
        submit(new BasicResponseProducer(response, body));
    }

    private void submit(BasicResponseProducer producer) {
        try {
            trigger.submitResponse(producer, context);
        } catch (HttpException | IOException e) {
            producer.failed(e);
        }
    }
}
