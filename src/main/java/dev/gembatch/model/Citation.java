package dev.gembatch.model;

import java.io.Serializable;

/** One citation source (Gemini API {@code citationSources} or Vertex {@code citations}). */
public record Citation(Integer startIndex, Integer endIndex, String uri, String title,
                       String license) implements Serializable {
}
