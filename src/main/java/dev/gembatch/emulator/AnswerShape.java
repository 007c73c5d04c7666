package dev.gembatch.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What an answer contains before it is cut into chunks: the text of each candidate (already
 * truncated for MAX_TOKENS or halved for SAFETY/RECITATION), the thought summary to emit (null
 * unless includeThoughts), token counts, the finish reason and where it is placed.
 */
record AnswerShape(List<String> texts, String thoughtText, int thoughtTokens, String finishReason,
                   boolean separateFinal, boolean stopEveryChunk) {

    static AnswerShape of(ParsedRequest request, Scenario scenario) {
        Scenario.Kind kind = scenario.kind();
        int count = kind == Scenario.Kind.CANDIDATES ? scenario.candidates() : request.candidateCount();
        boolean thinking = request.includeThoughts() || kind == Scenario.Kind.THINKING;
        String thought = EmulatorAnswers.thoughtFor(request.model(), request.promptText());
        int thoughtTokens = thinking ? EmulatorAnswers.tokens(thought) : 0;
        List<String> texts = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            texts.add(text(request, kind, c));
        }
        String emitted = request.includeThoughts() ? thought : null;
        if (kind == Scenario.Kind.SAFETY || kind == Scenario.Kind.RECITATION) {
            texts.replaceAll(TextSplitter::firstHalf);
            String reason = kind == Scenario.Kind.SAFETY ? "SAFETY" : "RECITATION";
            return new AnswerShape(texts, emitted, thoughtTokens, reason, true, false);
        }
        int limit = limit(request, kind, texts.get(0), thoughtTokens);
        if (limit > 0 && longest(texts) + thoughtTokens > limit) {
            int budget = Math.max(0, limit - thoughtTokens) * 4;
            texts.replaceAll(text -> TextSplitter.prefix(text, budget));
            return new AnswerShape(texts, emitted, thoughtTokens, "MAX_TOKENS", false, false);
        }
        boolean emptyFinal = kind == Scenario.Kind.EMPTY_FINAL;
        return new AnswerShape(texts, emitted, thoughtTokens, "STOP", emptyFinal, kind == Scenario.Kind.STOP_EVERY_CHUNK);
    }

    /** JSON of the schema in JSON mode (unless bad-json), else the emulator's usual text. */
    private static String text(ParsedRequest request, Scenario.Kind kind, int candidate) {
        if (request.responseSchema() == null || kind == Scenario.Kind.BAD_JSON) {
            return EmulatorAnswers.textFor(request.model(), request.promptText(), candidate);
        }
        return SchemaAnswers.jsonFor(request.model(), request.promptText(), candidate,
                request.responseSchema(), kind == Scenario.Kind.SCHEMA_MISMATCH);
    }

    /** maxOutputTokens, or for the max-tokens marker half the answer's tokens plus thoughts. */
    private static int limit(ParsedRequest request, Scenario.Kind kind, String text, int thoughtTokens) {
        if (kind == Scenario.Kind.MAX_TOKENS) {
            return Math.max(1, EmulatorAnswers.tokens(text) / 2) + thoughtTokens;
        }
        return request.maxOutputTokens();
    }

    private static int longest(List<String> texts) {
        int max = 0;
        for (String text : texts) {
            max = Math.max(max, EmulatorAnswers.tokens(text));
        }
        return max;
    }

    /** True when no candidate has any text left (MAX_TOKENS spent on thinking). */
    boolean isEmpty() {
        return texts.stream().allMatch(String::isEmpty);
    }

    int candidateTokens() {
        return texts.stream().mapToInt(EmulatorAnswers::tokens).sum();
    }
}
