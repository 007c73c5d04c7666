package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * The model and what is sent with every request; {@code extraRequestFieldsJson} is a JSON object
 * ("{}" when unset) merged into the top level of each request body. {@code serviceTier} is the
 * tier asked for, {@code flexFallback} what a Flex row becomes when the job's deadline nears.
 */
public record ModelSettings(String name, GenerationSettings generation,
                            List<SafetySetting> safetySettings, String extraRequestFieldsJson,
                            ServiceTier serviceTier, FlexFallback flexFallback)
        implements Serializable {

    public ModelSettings {
        safetySettings = List.copyOf(safetySettings);
    }

    /** A builder with no field set; {@link Builder#build()} needs every one. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these settings. */
    public Builder toBuilder() {
        return builder().name(name).generation(generation).safetySettings(safetySettings)
                .extraRequestFieldsJson(extraRequestFieldsJson).serviceTier(serviceTier)
                .flexFallback(flexFallback);
    }

    /** Builds {@link ModelSettings} by field name. */
    public static final class Builder {
        private final GivenFields given = new GivenFields(ModelSettings.class);
        private String name;
        private GenerationSettings generation;
        private List<SafetySetting> safetySettings;
        private String extraRequestFieldsJson;
        private ServiceTier serviceTier;
        private FlexFallback flexFallback;

        private Builder() {
        }

        public Builder name(String v) { name = v; return set("name"); }
        public Builder generation(GenerationSettings v) { generation = v; return set("generation"); }
        public Builder safetySettings(List<SafetySetting> v) {
            safetySettings = v;
            return set("safetySettings");
        }
        public Builder extraRequestFieldsJson(String v) {
            extraRequestFieldsJson = v;
            return set("extraRequestFieldsJson");
        }

        public Builder serviceTier(ServiceTier v) { serviceTier = v; return set("serviceTier"); }
        public Builder flexFallback(FlexFallback v) {
            flexFallback = v;
            return set("flexFallback");
        }

        private Builder set(String field) {
            given.add(field);
            return this;
        }

        /** The settings; throws IllegalStateException naming every field never set. */
        public ModelSettings build() {
            given.check();
            return new ModelSettings(name, generation, safetySettings, extraRequestFieldsJson,
                    serviceTier, flexFallback);
        }
    }
}
