package dev.gembatch.transport;

/** One call: the model name (the URL path segment) and the JSON request body bytes. */
public record GeminiRequest(String model, byte[] body) {

    public GeminiRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a Gemini request needs a model name");
        }
        if (body == null) {
            throw new IllegalArgumentException("a Gemini request needs a body");
        }
    }
}
