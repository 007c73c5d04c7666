package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * The model and what is sent with every request; {@code extraRequestFieldsJson} is a JSON object
 * ("{}" when unset) merged into the top level of each request body.
 */
public record ModelSettings(String name, GenerationSettings generation,
                            List<SafetySetting> safetySettings, String extraRequestFieldsJson)
        implements Serializable {

    public ModelSettings {
        safetySettings = List.copyOf(safetySettings);
    }
}
