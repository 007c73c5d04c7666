package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.Candidate;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.SafetyRating;
import com.google.genai.types.ThinkingConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Google GenAI Java SDK (2.0.0) cannot tell the emulator from Google. */
class GoogleSdkCompatibilityTest {
    private static final String MODEL = "gemini-2.5-flash";
    private static GeminiEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiEmulator.start(EmulatorOptions.builder().chunks(4).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Client client(String key) {
        HttpOptions http = HttpOptions.builder().baseUrl(emulator.baseUrl()).apiVersion("v1beta")
                .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build()).build();
        return Client.builder().apiKey(key).httpOptions(http).build();
    }

    private static List<GenerateContentResponse> stream(String prompt, GenerateContentConfig config) {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream =
                     client(emulator.apiKey()).models.generateContentStream(MODEL, prompt, config)) {
            stream.forEach(chunks::add);
        }
        return chunks;
    }

    private static String answerText(List<GenerateContentResponse> chunks) {
        StringBuilder text = new StringBuilder();
        for (GenerateContentResponse chunk : chunks) {
            chunk.candidates().orElse(List.of()).stream().flatMap(c -> c.content().stream())
                    .flatMap(content -> content.parts().orElse(List.of()).stream())
                    .filter(part -> !part.thought().orElse(false))
                    .forEach(part -> text.append(part.text().orElse("")));
        }
        return text.toString();
    }

    @Test
    void sdkStreamsTheDeterministicAnswerWithFinishReasonAndUsage() {
        String prompt = "Describe Zürich in one line, with <tags> & \"quotes\"";
        List<GenerateContentResponse> chunks = stream(prompt, null);
        assertEquals(4, chunks.size());
        assertEquals(EmulatorAnswers.textFor(MODEL, prompt), answerText(chunks));
        GenerateContentResponse last = chunks.get(chunks.size() - 1);
        assertEquals("STOP", last.finishReason().toString());
        GenerateContentResponseUsageMetadata usage = last.usageMetadata().orElseThrow();
        int answerTokens = EmulatorAnswers.tokens(EmulatorAnswers.textFor(MODEL, prompt));
        assertEquals(answerTokens, usage.candidatesTokenCount().orElseThrow());
        assertEquals(EmulatorAnswers.tokens(prompt), usage.promptTokenCount().orElseThrow());
        assertEquals(EmulatorAnswers.tokens(prompt) + answerTokens, usage.totalTokenCount().orElseThrow());
        assertEquals(MODEL, last.modelVersion().orElseThrow());
        assertEquals(chunks.get(0).responseId(), last.responseId());
    }

    @Test
    void sdkSeesSafetyFinishWithBlockedRating() {
        String prompt = "tell me something rude [[gembatch:safety]]";
        List<GenerateContentResponse> chunks = stream(prompt, null);
        Candidate last = chunks.get(chunks.size() - 1).candidates().orElseThrow().get(0);
        assertEquals("SAFETY", last.finishReason().orElseThrow().toString());
        List<SafetyRating> ratings = last.safetyRatings().orElseThrow();
        SafetyRating blocked = ratings.stream().filter(r -> r.blocked().orElse(false)).findFirst().orElseThrow();
        assertEquals("HARM_CATEGORY_HATE_SPEECH", blocked.category().orElseThrow().toString());
        assertEquals("HIGH", blocked.probability().orElseThrow().toString());
        assertTrue(EmulatorAnswers.textFor(MODEL, prompt).startsWith(answerText(chunks)));
        assertFalse(answerText(chunks).isEmpty());
    }

    @Test
    void sdkSeesThoughtPartsAndThoughtTokensWhenIncludeThoughtsIsSet() {
        String prompt = "think first";
        GenerateContentConfig config = GenerateContentConfig.builder()
                .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).build()).build();
        List<GenerateContentResponse> chunks = stream(prompt, config);
        boolean sawThought = chunks.get(0).candidates().orElseThrow().get(0).content().orElseThrow().parts()
                .orElseThrow().get(0).thought().orElse(false);
        assertTrue(sawThought);
        assertEquals(EmulatorAnswers.textFor(MODEL, prompt), answerText(chunks));
        int thoughts = chunks.get(chunks.size() - 1).usageMetadata().orElseThrow().thoughtsTokenCount().orElseThrow();
        assertEquals(EmulatorAnswers.tokens(EmulatorAnswers.thoughtFor(MODEL, prompt)), thoughts);
    }

    @Test
    void sdkUnaryCallGetsTheWholeAnswer() {
        String prompt = "unary please";
        GenerateContentResponse response = client(emulator.apiKey()).models.generateContent(MODEL, prompt, null);
        assertEquals(EmulatorAnswers.textFor(MODEL, prompt), response.text());
        assertEquals("STOP", response.finishReason().toString());
    }

    @Test
    void sdkRaisesClientExceptionForInvalidKey() {
        ClientException error = assertThrows(ClientException.class,
                () -> client("wrong-key").models.generateContentStream(MODEL, "hi", null).forEach(c -> { }));
        assertEquals(400, error.code());
        assertEquals("INVALID_ARGUMENT", error.status());
        assertFalse(error.getMessage().contains("wrong-key"));
    }

    @Test
    void sdkRaisesClientExceptionForUnknownModel() {
        ClientException error = assertThrows(ClientException.class,
                () -> client(emulator.apiKey()).models.generateContentStream("palm-9", "hi", null).forEach(c -> { }));
        assertEquals(404, error.code());
        assertEquals("NOT_FOUND", error.status());
    }

    @Test
    void sdkRaisesClientExceptionForQuotaExhausted() {
        ClientException error = assertThrows(ClientException.class,
                () -> stream("quota test [[gembatch:fail-429x1]]", null));
        assertEquals(429, error.code());
        assertEquals("RESOURCE_EXHAUSTED", error.status());
    }

    @Test
    void sdkRaisesServerExceptionForOverload() {
        ServerException error = assertThrows(ServerException.class,
                () -> stream("overload test [[gembatch:fail-503x1]]", null));
        assertEquals(503, error.code());
        assertEquals("UNAVAILABLE", error.status());
    }
}
