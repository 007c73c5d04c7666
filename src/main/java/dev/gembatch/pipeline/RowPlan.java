package dev.gembatch.pipeline;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.input.MediaParts;
import dev.gembatch.output.AnswerStruct;
import dev.gembatch.prompt.CellText;
import dev.gembatch.prompt.RequestBodies;
import dev.gembatch.prompt.Template;
import dev.gembatch.transport.CacheSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What an executor needs to turn an input row into a request: the prompt (a template over the
 * columns, or one column as is), the optional system instruction template, the request body
 * builder, the model, the transport settings, the in-flight window, the run's budget shares,
 * the earlier answer columns the templates read, the media parts, the check of answers against
 * the response schema and the context cache every request names (null: none). Resolved on the
 * driver.
 */
public record RowPlan(List<String> inputColumns, Template prompt, String promptColumn,
                      Template systemInstruction, RequestBodies bodies, String model,
                      GeminiSettings gemini, int window, RunBudget budget,
                      List<Upstream> upstream, MediaParts media, AnswerStruct struct,
                      CacheSpec cache)
        implements Serializable {
    /** The reason a row with a null or blank prompt is not sent. */
    static final String NO_PROMPT = "the prompt is null or blank";

    /** A plan for rows of {@code schema}. Exactly one of prompt / promptColumn is non-null. */
    public static RowPlan of(StructType schema, Template prompt, String promptColumn,
                             Template systemInstruction, RequestBodies bodies, String model,
                             GeminiSettings gemini) {
        return new RowPlan(List.copyOf(Arrays.asList(schema.fieldNames())), prompt, promptColumn,
                systemInstruction, bodies, model, gemini, gemini.limiter().max(), RunBudget.NONE,
                List.of(), MediaParts.NONE, AnswerStruct.NONE, null);
    }

    /** This plan with the run's budget shares (see {@link RunBudget}). */
    public RowPlan withBudget(RunBudget shares) {
        return new RowPlan(inputColumns, prompt, promptColumn, systemInstruction, bodies, model,
                gemini, window, shares, upstream, media, struct, cache);
    }

    /** This plan reading the answer columns {@code reads} (already in the rows) by name. */
    public RowPlan withUpstream(List<AnswerColumn> reads) {
        return new RowPlan(inputColumns, prompt, promptColumn, systemInstruction, bodies, model,
                gemini, window, budget, Upstream.locate(reads, inputColumns), media, struct, cache);
    }

    /** This plan with media parts sent before each row's text (see {@link MediaParts}). */
    public RowPlan withMedia(MediaParts parts) {
        return new RowPlan(inputColumns, prompt, promptColumn, systemInstruction, bodies, model,
                gemini, window, budget, upstream, parts, struct, cache);
    }

    /** This plan with the check of answers against the response schema (see AnswerStruct). */
    public RowPlan withStruct(AnswerStruct check) {
        return new RowPlan(inputColumns, prompt, promptColumn, systemInstruction, bodies, model,
                gemini, window, budget, upstream, media, check, cache);
    }

    /**
     * This plan with every request naming the context cache {@code spec} (which holds the
     * system instruction, so it must have no placeholders; tools and tool config too).
     */
    public RowPlan withCache(CacheSpec spec) {
        return new RowPlan(inputColumns, prompt, promptColumn, systemInstruction, bodies, model,
                gemini, window, budget, upstream, media, struct, spec);
    }

    /** The system instruction every row shares (no placeholders), or null when there is none. */
    public String sharedSystemText() {
        return systemInstruction == null || !systemInstruction.columns().isEmpty() ? null
                : systemInstruction.render(name -> null);
    }

    /**
     * The request of this row, or why it cannot be sent (no prompt: null or blank; media that
     * cannot be sent, see {@link MediaParts}).
     */
    public RowRequest request(Row row) {
        for (Upstream u : upstream) {
            String notOk = u.notOk(row);
            if (notOk != null) {
                return RowRequest.upstreamNotOk(notOk);
            }
        }
        String prompt = promptText(row);
        if (prompt == null) {
            return RowRequest.invalid(NO_PROMPT);
        }
        MediaParts.Read read = media.read(row, inputColumns);
        if (read.invalidReason() != null) {
            return RowRequest.invalid(read.invalidReason());
        }
        byte[] body = bodies.body(read.parts(), prompt, systemText(row));
        return RowRequest.of(body, RequestBodies.requestId(model, body),
                cache == null ? null : bodies.cachedBody(read.parts(), prompt));
    }

    /** The prompt text of this row, or null when the row has no prompt (null or blank). */
    public String promptText(Row row) {
        Function<String, String> cell = cells(row);
        String text = prompt != null ? prompt.render(cell) : cell.apply(promptColumn);
        return text == null || text.isBlank() ? null : text;
    }

    /** The rendered system instruction of this row, or null when none is configured. */
    public String systemText(Row row) {
        if (systemInstruction == null) {
            return null;
        }
        return systemInstruction.render(cells(row));
    }

    /** A placeholder's text: an earlier answer's text, else the input column's. */
    private Function<String, String> cells(Row row) {
        return name -> {
            for (Upstream u : upstream) {
                if (u.name().equals(name)) {
                    return CellText.of(row.get(u.answerIndex()));
                }
            }
            return CellText.of(row.get(inputColumns.indexOf(name)));
        };
    }
}
