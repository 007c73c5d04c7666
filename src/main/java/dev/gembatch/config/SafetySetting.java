package dev.gembatch.config;

import java.io.Serializable;

/** One Gemini safety setting, e.g. HARM_CATEGORY_HARASSMENT / BLOCK_NONE. */
public record SafetySetting(String category, String threshold) implements Serializable {
}
