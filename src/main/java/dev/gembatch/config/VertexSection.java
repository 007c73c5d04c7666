package dev.gembatch.config;

import java.util.regex.Pattern;

/**
 * Reads and checks {@code gemini.endpoint} and the {@code gemini.vertex} section: a Vertex job
 * needs a project (unless it signs in with an API key, express mode) and a location that can be
 * a host name prefix.
 */
final class VertexSection {
    static final String ENDPOINT = "gemini.endpoint";
    private static final String V = "gemini.vertex.";
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20}");
    private static final Pattern LOCATION = Pattern.compile("[a-z]+(-[a-z0-9]+)+|global");

    private VertexSection() {
    }

    static GeminiSettings.Api api(Reader r) {
        GeminiSettings.Api api = r.enumValue(ENDPOINT, GeminiSettings.Api.class);
        return api == null ? GeminiSettings.Api.GEMINI_API : api;
    }

    static VertexSettings vertex(Reader r, GeminiSettings.Api api) {
        if (api != GeminiSettings.Api.VERTEX) {
            return VertexSettings.NONE;
        }
        VertexSettings.Auth auth = r.enumValue(V + "auth", VertexSettings.Auth.class);
        String location = r.required(V + "location");
        if (location != null && !LOCATION.matcher(location).matches()) {
            r.problems().bad(r.config(), V + "location", "must be a Vertex AI region such as"
                    + " us-central1 or europe-west4, or global");
        }
        String project = r.optionalString(V + "project");
        if (auth == VertexSettings.Auth.ADC && GeminiSection.useEmulator(r)) {
            r.problems().bad(r.config(), V + "auth", "must be api-key with gemini.base-url = emulator:"
                    + " the built-in emulator signs Vertex calls in with its own API key (express"
                    + " mode); Google credentials need a token endpoint of their own");
        }
        if (auth == VertexSettings.Auth.ADC) {
            checkProject(r, project);
        } else if (project != null) {
            r.problems().bad(r.config(), V + "project", "must not be set with gemini.vertex.auth ="
                    + " api-key: express mode calls the publisher model without a project"
                    + " (set gemini.vertex.auth = adc to call your project)");
        }
        String file = r.optionalString(V + "credentials-file");
        if (file != null && (file.isBlank() || auth == VertexSettings.Auth.API_KEY)) {
            r.problems().bad(r.config(), V + "credentials-file", file.isBlank()
                    ? "must not be blank (leave it unset for Application Default Credentials)"
                    : "must not be set with gemini.vertex.auth = api-key");
        }
        return new VertexSettings(project, location, file == null ? null : file.strip(),
                auth == null ? VertexSettings.Auth.ADC : auth);
    }

    private static void checkProject(Reader r, String project) {
        if (project == null) {
            r.problems().add(V + "project", Problems.origin(r.value(ENDPOINT)), "required with gemini.endpoint = vertex: the Google"
                    + " Cloud project id to bill (or the GOOGLE_CLOUD_PROJECT environment"
                    + " variable; gemini.vertex.auth = api-key for express mode)");
        } else if (!PROJECT.matcher(project).matches()) {
            r.problems().bad(r.config(), V + "project", "must be a Google Cloud project id"
                    + " (6 to 30 lower-case letters, digits and hyphens) or project number");
        }
    }
}
