package dev.gembatch.config;

import java.io.Serializable;

/**
 * Where a Vertex AI call goes and how it signs in, resolved on the driver: {@code project} and
 * {@code location} (a region such as {@code us-central1}, or {@code global}) name the publisher
 * model path; {@code credentialsFile} is a service-account JSON file read on each JVM where a
 * token is needed (null: Application Default Credentials); {@code auth} is {@link Auth#ADC} or
 * {@link Auth#API_KEY} (express mode: the API key, no project). {@link #NONE} is the value of a
 * job on the Gemini API.
 */
public record VertexSettings(String project, String location, String credentialsFile, Auth auth)
        implements Serializable {

    /** The Vertex settings of a job that calls the Gemini API. */
    public static final VertexSettings NONE = new VertexSettings(null, null, null, Auth.ADC);

    /** The location whose host has no region prefix. */
    public static final String GLOBAL = "global";

    /** How Vertex calls are authorized. */
    public enum Auth { ADC, API_KEY }

    /** Whether calls carry an OAuth2 access token (not an API key). */
    public boolean usesTokens() {
        return auth == Auth.ADC;
    }

    /** The public host root for this location, without a trailing slash. */
    public String publicBaseUrl() {
        return GLOBAL.equals(location) || auth == Auth.API_KEY
                ? "https://aiplatform.googleapis.com"
                : "https://" + location + "-aiplatform.googleapis.com";
    }
}
