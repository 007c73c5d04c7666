package dev.gembatch.bench.jmh;

import java.nio.charset.StandardCharsets;

/**
 * A large stream in Google's byte layout (as the emulator writes it): each chunk carries ~600
 * characters of text with escapes, accents, CJK and emoji, interim usage, modelVersion and
 * responseId; the last one a finish reason and safety ratings. SSE events end CRLF CRLF; the
 * JSON array is pretty-printed with Google's {@code \n,\r\n} separators.
 */
final class SyntheticStream {
    private static final String WORDS = "Ça coûte 12 € — naïve “quotes” \\\"escaped\\\" back\\\\slash"
            + " \\u003cb\\u003etags\\u003c/b\\u003e 東京の天気 😀👩‍💻 tab\\tand newline\\n ";

    private SyntheticStream() {
    }

    static byte[] bytes(boolean sse, int chunks) {
        StringBuilder out = new StringBuilder(chunks * 900);
        for (int i = 0; i < chunks; i++) {
            String chunk = chunk(i, i == chunks - 1, !sse);
            if (sse) {
                out.append("data: ").append(chunk).append("\r\n\r\n");
            } else {
                out.append(i == 0 ? "[" : "\n,\r\n").append(chunk);
            }
        }
        if (!sse) {
            out.append("\n]");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String chunk(int i, boolean last, boolean pretty) {
        String nl = pretty ? "\n  " : "";
        String text = WORDS.repeat(5) + "chunk " + i + ". ";
        String finish = last ? ",\"finishReason\": \"STOP\",\"safetyRatings\": [" + rating("HARASSMENT")
                + "," + rating("HATE_SPEECH") + "]" : "";
        return "{" + nl + "\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + text
                + "\"}],\"role\": \"model\"}" + finish + ",\"index\": 0}]," + nl
                + "\"usageMetadata\": {\"promptTokenCount\": 42,\"candidatesTokenCount\": " + (i + 1) * 150
                + ",\"totalTokenCount\": " + (42 + (i + 1) * 150) + "}," + nl
                + "\"modelVersion\": \"gemini-2.5-flash\"," + nl
                + "\"responseId\": \"mFQzaNnDLpe7nvgPz5ayoQ4\"" + (pretty ? "\n" : "") + "}";
    }

    private static String rating(String category) {
        return "{\"category\": \"HARM_CATEGORY_" + category + "\",\"probability\": \"NEGLIGIBLE\"}";
    }
}
