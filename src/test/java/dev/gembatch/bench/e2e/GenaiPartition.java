package dev.gembatch.bench.e2e;

import com.google.genai.ResponseStream;
import com.google.genai.types.Candidate;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The baseline's mapPartitions function: each row's prompt goes to the JVM's fixed pool, which
 * calls {@code generateContentStream} and concatenates the streamed text; at most {@code
 * inFlight} rows of the partition are outstanding and they are emitted in input order.
 */
final class GenaiPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String baseUrl;
    private final int inFlight;

    GenaiPartition(String baseUrl, int inFlight) {
        this.baseUrl = baseUrl;
        this.inFlight = inFlight;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExecutorService pool = GenaiClients.pool(inFlight);
        ArrayDeque<Future<Row>> window = new ArrayDeque<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (window.size() < inFlight && rows.hasNext()) {
                    Row row = rows.next();
                    window.add(pool.submit(() -> answer(row)));
                }
                return !window.isEmpty();
            }

            @Override
            public Row next() {
                hasNext();
                try {
                    return window.remove().get();
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException("baseline row failed", e);
                }
            }
        };
    }

    private Row answer(Row row) {
        long t0 = System.nanoTime();
        StringBuilder text = new StringBuilder();
        String finish = null;
        GenerateContentResponseUsageMetadata usage = null;
        try (ResponseStream<GenerateContentResponse> stream = GenaiClients.client(baseUrl, "emulator-key")
                .models.generateContentStream(GembatchRun.MODEL,
                        GembatchRun.PROMPT_PREFIX + row.getString(1), null)) {
            for (GenerateContentResponse chunk : stream) {
                String piece = chunk.text();
                text.append(piece == null ? "" : piece);
                for (Candidate candidate : chunk.candidates().orElse(List.of())) {
                    finish = candidate.finishReason().map(Object::toString).orElse(finish);
                }
                usage = chunk.usageMetadata().orElse(usage);
            }
        }
        long latencyMs = (System.nanoTime() - t0) / 1_000_000;
        return RowFactory.create(row.get(0), row.get(1), text.toString(), finish,
                usage == null ? null : usage.promptTokenCount().orElse(null),
                usage == null ? null : usage.candidatesTokenCount().orElse(null),
                "STOP".equals(finish) ? "OK" : "FAILED", latencyMs,
                new java.sql.Timestamp(System.currentTimeMillis()));
    }
}
