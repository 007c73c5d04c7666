package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deterministic answer text, chunk cutting and option validation, without HTTP. */
class EmulatorAnswersTest {

    @Test
    void sameModelAndPromptGiveTheSameTextAndOthersDiffer() {
        String text = EmulatorAnswers.textFor("gemini-2.5-flash", "hello");
        assertEquals(text, EmulatorAnswers.textFor("gemini-2.5-flash", "hello"));
        assertNotEquals(text, EmulatorAnswers.textFor("gemini-2.5-pro", "hello"));
        assertNotEquals(text, EmulatorAnswers.textFor("gemini-2.5-flash", "hello!"));
    }

    @Test
    void answersMixMultiByteTextQuotesBackslashesAndNewlines() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            all.append(EmulatorAnswers.textFor("gemini-2.5-flash", "prompt " + i));
        }
        String text = all.toString();
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length > text.length());
        assertTrue(text.codePoints().anyMatch(Character::isSupplementaryCodePoint));
        assertTrue(text.chars().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF));
        assertTrue(text.contains("\"") && text.contains("\\") && text.contains("\n") && text.contains("<"));
    }

    @Test
    void scenarioMarkersNeverAppearInTheAnswer() {
        String text = EmulatorAnswers.textFor("gemini-2.5-flash", "say [[gembatch:safety]] hi [[gembatch:fail-503x2]]");
        assertFalse(text.contains("gembatch"));
        assertTrue(text.contains("say  hi") || text.contains("say hi"));
    }

    @Test
    void chunksJoinBackToTheTextAndNeverSplitASurrogatePair() {
        for (int i = 0; i < 200; i++) {
            String text = EmulatorAnswers.textFor("gemini-2.5-flash", "split " + i);
            for (int pieces = 1; pieces <= 9; pieces++) {
                List<String> parts = TextSplitter.split(text, pieces, EmulatorAnswers.digest("s", "m", text, i));
                assertEquals(pieces, parts.size());
                assertEquals(text, String.join("", parts));
                for (String part : parts) {
                    assertFalse(part.isEmpty());
                    assertFalse(Character.isLowSurrogate(part.charAt(0)));
                    assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)));
                }
            }
        }
    }

    @Test
    void tokenEstimateIsCodePointsOverFourRoundedUp() {
        assertEquals(0, EmulatorAnswers.tokens(""));
        assertEquals(1, EmulatorAnswers.tokens("🚀"));
        assertEquals(2, EmulatorAnswers.tokens("abcde"));
    }

    @Test
    void markersSelectScenariosAndUnknownNamesAreIgnored() {
        assertEquals(Scenario.fail(503, 2), Scenario.fromPrompt("x [[gembatch:fail-503x2]]"));
        assertEquals(Scenario.Kind.SAFETY, Scenario.fromPrompt("[[gembatch:nope]] [[gembatch:safety]]").kind());
        assertEquals(Scenario.NORMAL, Scenario.fromPrompt("plain"));
        assertEquals(3, Scenario.fromPrompt("[[gembatch:candidates-3]]").candidates());
    }

    @Test
    void invalidOptionsAreAllReportedAtOnce() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EmulatorOptions.builder().chunks(0).chaosFraction(2).port(-1).build());
        assertTrue(error.getMessage().contains("chunks") && error.getMessage().contains("chaosFraction")
                && error.getMessage().contains("port"));
    }

    @Test
    void commandLineFlagsBecomeOptions() {
        EmulatorOptions options = EmulatorFlags.parse(List.of("--port", "9999", "--gap-ms", "20",
                "--h2c", "--extra-model", "acme-v2", "--chaos", "0.25"));
        assertEquals(9999, options.port());
        assertEquals(20, options.chunkGap().toMillis());
        assertTrue(options.http2());
        assertEquals(List.of("acme-v2"), options.extraModels());
        assertEquals(0.25, options.chaosFraction());
    }
}
