package dev.gembatch.stream;

import static dev.gembatch.stream.Values.isArray;
import static dev.gembatch.stream.Values.isObject;
import static dev.gembatch.stream.Values.nextElement;
import static dev.gembatch.stream.Values.nextField;

import com.fasterxml.jackson.core.JsonParser;
import dev.gembatch.model.Citation;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming readers of a chunk's metadata: safety ratings, citations, usage. Each reads the
 * value the parser is on to its end; a value of the wrong shape reads as absent, and an array
 * element that is not an object still counts, as an all-absent entry (as the tree reader did).
 */
final class MetadataReader {

    private MetadataReader() {
    }

    /** The ratings of an array; null when the value is not an array. */
    static List<SafetyRating> ratings(JsonParser p) throws IOException {
        if (!isArray(p)) {
            return null;
        }
        List<SafetyRating> ratings = new ArrayList<>();
        while (nextElement(p)) {
            ratings.add(rating(p));
        }
        return ratings;
    }

    /** A field loop over one rating: six values in any order. */
    private static SafetyRating rating(JsonParser p) throws IOException {
        String category = null, probability = null, severity = null;
        Double probabilityScore = null, severityScore = null;
        Boolean blocked = null;
        boolean object = isObject(p);
        while (object && nextField(p)) {
            switch (p.currentName()) {
                case "category" -> category = Values.text(p);
                case "probability" -> probability = Values.text(p);
                case "probabilityScore" -> probabilityScore = Values.decimal(p);
                case "severity" -> severity = Values.text(p);
                case "severityScore" -> severityScore = Values.decimal(p);
                case "blocked" -> blocked = Values.bool(p);
                default -> p.skipChildren();
            }
        }
        return new SafetyRating(category, probability, probabilityScore, severity, severityScore, blocked);
    }

    /**
     * Gemini API {@code citationSources} or Vertex {@code citations} (the former wins when the
     * metadata has that key, whatever its value); null when the value is not an object.
     */
    static List<Citation> citations(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return null;
        }
        List<Citation> sources = null;
        List<Citation> vertex = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "citationSources" -> sources = citationList(p);
                case "citations" -> vertex = citationList(p);
                default -> p.skipChildren();
            }
        }
        return sources != null ? sources : vertex != null ? vertex : List.of();
    }

    private static List<Citation> citationList(JsonParser p) throws IOException {
        List<Citation> citations = new ArrayList<>();
        boolean array = isArray(p);
        while (array && nextElement(p)) {
            citations.add(citation(p));
        }
        return citations;
    }

    /** A field loop over one citation: five values in any order. */
    private static Citation citation(JsonParser p) throws IOException {
        Integer start = null, end = null;
        String uri = null, title = null, license = null;
        boolean object = isObject(p);
        while (object && nextField(p)) {
            switch (p.currentName()) {
                case "startIndex" -> start = Values.integer(p);
                case "endIndex" -> end = Values.integer(p);
                case "uri" -> uri = Values.text(p);
                case "title" -> title = Values.text(p);
                case "license" -> license = Values.text(p);
                default -> p.skipChildren();
            }
        }
        return new Citation(start, end, uri, title, license);
    }

    /** A field loop over the token counts; null when the value is not an object. */
    static Usage usage(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return null;
        }
        Integer prompt = null, output = null, thoughts = null, cached = null, toolUse = null, total = null;
        String tier = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "promptTokenCount" -> prompt = Values.integer(p);
                case "candidatesTokenCount" -> output = Values.integer(p);
                case "thoughtsTokenCount" -> thoughts = Values.integer(p);
                case "cachedContentTokenCount" -> cached = Values.integer(p);
                case "toolUsePromptTokenCount" -> toolUse = Values.integer(p);
                case "totalTokenCount" -> total = Values.integer(p);
                case "serviceTier" -> tier = Values.text(p);
                default -> p.skipChildren();
            }
        }
        return new Usage(prompt, output, thoughts, cached, toolUse, total, tier);
    }
}
