package dev.gembatch.transport;

/** The one header that signs a request ({@code x-goog-api-key} or {@code Authorization}). */
record AuthHeader(String name, String value) {

    static AuthHeader apiKey(String key) {
        return new AuthHeader("x-goog-api-key", key);
    }

    static AuthHeader bearer(String token) {
        return new AuthHeader("Authorization", "Bearer " + token);
    }

    /** The header as a request description may show it: the secret as {@code ***}. */
    String shown() {
        return name + ": " + (name.equals("Authorization") ? "Bearer ***" : "***");
    }

    @Override
    public String toString() {
        return shown();
    }
}
