package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends an admitted generation request's answer: a scheduled stream for streamGenerateContent, or
 * one body after the whole generation time for generateContent. Registers the exchange cleanup
 * that cancels pending timers and closes the open-answer count exactly once.
 */
final class AnswerSender {
    private final EmulatorOptions options;
    private final StatsRecorder stats;
    private final ScheduledExecutorService scheduler;
    private final AnswerPlanner streamPlanner;
    private final AnswerPlanner unaryPlanner = new AnswerPlanner(1);

    AnswerSender(EmulatorOptions options, StatsRecorder stats, ScheduledExecutorService scheduler) {
        this.options = options;
        this.stats = stats;
        this.scheduler = scheduler;
        this.streamPlanner = new AnswerPlanner(options.chunks());
    }

    void send(Route route, ParsedRequest parsed, Scenario scenario, String responseId, Responder out,
              Exchange exchange) {
        if (route.format() == WireFormat.UNARY) {
            sendUnary(route.vertex(), parsed, scenario, responseId, out, exchange);
        } else {
            sendStream(route.vertex(), route.format(), parsed, scenario, responseId, out, exchange);
        }
    }

    private void sendStream(boolean vertex, WireFormat format, ParsedRequest parsed, Scenario scenario, String responseId,
                            Responder out, Exchange exchange) {
        Plan plan = VertexStamp.onVertex(vertex, streamPlanner.plan(parsed, scenario, responseId));
        BodyEncoder encoder = new BodyEncoder(out.gzip());
        List<byte[]> chunks = new ArrayList<>(plan.events().size());
        for (int i = 0; i < plan.events().size(); i++) {
            chunks.add(encoder.frame(format.chunk(plan.events().get(i), i)));
        }
        byte[] tail = tail(format, plan, encoder);
        StreamBody body = new StreamBody(format.contentType, out.gzip() ? "gzip" : null);
        Emission emission = new Emission(scheduler, timing(), chunks, tail, plan.ending(), body,
                () -> out.streamHead(format, body),
                () -> stats.complete(parsed.key(), plan.promptTokens(), plan.outputTokens()));
        exchange.onRelease(() -> {
            emission.cancel();
            stats.close();
        });
        emission.start();
    }

    private static byte[] tail(WireFormat format, Plan plan, BodyEncoder encoder) {
        int sent = plan.events().size();
        switch (plan.ending()) {
            case COMPLETE:
                return concat(encoder.frame(format.close()), encoder.finish());
            case ERROR_EVENT:
                String error = format.errorInStream(ErrorBodies.overloaded(), sent);
                return concat(encoder.frame(error), encoder.finish());
            case MALFORMED:
                return concat(encoder.frame(format.malformed(sent)), encoder.finish());
            default:
                return new byte[0];
        }
    }

    private void sendUnary(boolean vertex, ParsedRequest parsed, Scenario scenario, String responseId, Responder out,
                           Exchange exchange) {
        Plan plan = VertexStamp.onVertex(vertex, unaryPlanner.plan(parsed, scenario, responseId));
        String text = WireFormat.unaryBody(UnaryMerger.merge(plan.events()));
        Emission.Timing timing = timing();
        long delay = timing.firstNanos() + Math.max(0, options.chunks() - 1) * timing.gapNanos();
        ScheduledFuture<?> pending = scheduler.schedule(() -> unaryEnding(parsed, plan, text, out), delay,
                TimeUnit.NANOSECONDS);
        exchange.onRelease(() -> {
            pending.cancel(false);
            stats.close();
        });
    }

    /** A unary answer, or its scenario's failure: cut after half the body, stall, error, truncated JSON. */
    private void unaryEnding(ParsedRequest parsed, Plan plan, String text, Responder out) {
        switch (plan.ending()) {
            case COMPLETE:
                out.whole(200, WireFormat.UNARY.contentType, text);
                stats.complete(parsed.key(), plan.promptTokens(), plan.outputTokens());
                break;
            case CUT:
                StreamBody body = new StreamBody(WireFormat.UNARY.contentType, null);
                body.offer(BodyEncoder.whole(TextSplitter.firstHalf(text), false));
                body.abort();
                out.streamHead(WireFormat.UNARY, body);
                break;
            case STALL:
                break;
            case ERROR_EVENT:
                out.error(WireFormat.UNARY, ErrorBodies.overloaded());
                break;
            default:
                out.whole(200, WireFormat.UNARY.contentType, TextSplitter.firstHalf(text));
        }
    }

    private Emission.Timing timing() {
        return new Emission.Timing(options.firstByteLatency().toNanos(), options.chunkGap().toNanos());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
