package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request and its scenario into the chunks of a streamed answer: deterministic text per
 * candidate, cut into {@code chunks} pieces, usage cumulative per chunk with final counts on the
 * last one, thoughts counted apart, and the scenario's finish (STOP, MAX_TOKENS, SAFETY, ...).
 */
final class AnswerPlanner {
    private final int chunks;

    AnswerPlanner(int chunks) {
        this.chunks = chunks;
    }

    /** The plan for a scenario that yields HTTP 200 (not FAIL or HTML_502). */
    Plan plan(ParsedRequest request, Scenario scenario, String responseId) {
        EventFactory factory = new EventFactory(request.model(), responseId, request.serviceTier(),
                request.cachedTokens());
        int prompt = request.promptTokens();
        if (scenario.kind() == Scenario.Kind.BLOCKED) {
            ObjectNode event = factory.blockedPrompt(EventFactory.usage(prompt, 0, 0, true));
            return new Plan(List.of(event), Plan.Ending.COMPLETE, prompt, 0);
        }
        Plan.Ending ending = ending(scenario.kind());
        if (ending != Plan.Ending.COMPLETE) {
            Plan whole = answer(request, Scenario.NORMAL, factory, prompt, Math.max(2, chunks));
            List<ObjectNode> events = whole.events();
            return new Plan(events.subList(0, Math.max(1, events.size() / 2)), ending, prompt, 0);
        }
        return answer(request, scenario, factory, prompt, chunks);
    }

    private static Plan.Ending ending(Scenario.Kind kind) {
        switch (kind) {
            case CUT: return Plan.Ending.CUT;
            case STALL: return Plan.Ending.STALL;
            case MIDSTREAM_ERROR: return Plan.Ending.ERROR_EVENT;
            case MALFORMED: return Plan.Ending.MALFORMED;
            default: return Plan.Ending.COMPLETE;
        }
    }

    private Plan answer(ParsedRequest request, Scenario scenario, EventFactory factory, int prompt, int pieces) {
        AnswerShape shape = AnswerShape.of(request, scenario);
        List<ObjectNode> events = new ArrayList<>();
        if (shape.thoughtText() != null) {
            ArrayNode candidates = EventFactory.array().add(EventFactory.candidate(
                    EventFactory.content(shape.thoughtText(), true), null, 0));
            events.add(factory.event(candidates, EventFactory.usage(prompt, 0, shape.thoughtTokens(), false)));
        }
        if (shape.isEmpty()) {
            events.add(emptyFinal(shape, factory, prompt));
        } else {
            textEvents(request, shape, factory, prompt, pieces, events);
        }
        return new Plan(events, Plan.Ending.COMPLETE, prompt, shape.candidateTokens() + shape.thoughtTokens());
    }

    /** MAX_TOKENS spent on thinking: content with role only, no parts. */
    private static ObjectNode emptyFinal(AnswerShape shape, EventFactory factory, int prompt) {
        ArrayNode candidates = EventFactory.array();
        for (int c = 0; c < shape.texts().size(); c++) {
            candidates.add(EventFactory.candidate(EventFactory.content(null, false), shape.finishReason(), c));
        }
        return factory.event(candidates, EventFactory.usage(prompt, 0, shape.thoughtTokens(), true));
    }

    private static void textEvents(ParsedRequest request, AnswerShape shape, EventFactory factory, int prompt,
                                   int pieces, List<ObjectNode> events) {
        List<List<String>> split = new ArrayList<>();
        for (int c = 0; c < shape.texts().size(); c++) {
            byte[] salt = EmulatorAnswers.digest("split", request.model(), request.promptText(), c);
            split.add(TextSplitter.split(shape.texts().get(c), pieces, salt));
        }
        StringBuilder[] sent = new StringBuilder[split.size()];
        for (int i = 0; i < pieces; i++) {
            boolean last = i == pieces - 1;
            ArrayNode candidates = EventFactory.array();
            int tokens = 0;
            for (int c = 0; c < split.size(); c++) {
                sent[c] = (sent[c] == null ? new StringBuilder() : sent[c]).append(split.get(c).get(i));
                tokens += EmulatorAnswers.tokens(sent[c].toString());
                candidates.add(textCandidate(shape, split.get(c).get(i), c, i, last, sent[c].length()));
            }
            boolean fin = last && !shape.separateFinal();
            events.add(factory.event(candidates, EventFactory.usage(prompt, tokens, shape.thoughtTokens(), fin)));
        }
        if (shape.separateFinal()) {
            events.add(separateFinal(shape, factory, prompt));
        }
    }

    private static ObjectNode textCandidate(AnswerShape shape, String piece, int index, int chunk, boolean last,
                                            int sentChars) {
        String finish = shape.stopEveryChunk() ? "STOP" : (last && !shape.separateFinal() ? shape.finishReason() : null);
        ObjectNode candidate = EventFactory.candidate(EventFactory.content(piece, false), finish, index);
        if (shape.finishReason().equals("RECITATION") && chunk >= 1) {
            candidate.set("citationMetadata", EventFactory.citations(0, sentChars));
        }
        return candidate;
    }

    /** The extra last chunk: SAFETY/RECITATION without content, or Gemini 3's empty-text STOP. */
    private static ObjectNode separateFinal(AnswerShape shape, EventFactory factory, int prompt) {
        ArrayNode candidates = EventFactory.array();
        for (int c = 0; c < shape.texts().size(); c++) {
            String reason = shape.finishReason();
            boolean emptyText = reason.equals("STOP");
            ObjectNode candidate = EventFactory.candidate(emptyText ? EventFactory.content("", false) : null, reason, c);
            if (reason.equals("SAFETY")) {
                candidate.set("safetyRatings", EventFactory.ratings(true));
            } else if (reason.equals("RECITATION")) {
                int length = shape.texts().get(c).length();
                candidate.set("citationMetadata", EventFactory.citations(0, length));
            }
            candidates.add(candidate);
        }
        return factory.event(candidates, EventFactory.usage(prompt, shape.candidateTokens(), shape.thoughtTokens(), true));
    }
}
