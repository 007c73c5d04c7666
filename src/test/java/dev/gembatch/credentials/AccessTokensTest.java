package dev.gembatch.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gembatch.config.VertexSettings;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.job.TestServiceAccount;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tokens from Google's auth library, signed in with a service-account key file against
 * the emulator's token endpoint on loopback.
 */
class AccessTokensTest {
    @TempDir
    Path tmp;

    /**
     * The first token reaches its callers as the refresh completes; one that the server refuses
     * at once (revoked) and rejects must not be handed out again, not even to a caller asking
     * before the refresh that fetched it has been recorded (a row then failed its one retry
     * with the same dead token).
     */
    @Test
    void aTokenRejectedAsSoonAsItArrivesIsNeverHandedOutAgain() throws Exception {
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder()
                .serviceAccount(TestServiceAccount.EMAIL, TestServiceAccount.publicKey()).build());
             AccessTokens tokens = AccessTokens.load(new VertexSettings(TestServiceAccount.PROJECT,
                     "us-central1", TestServiceAccount.keyFile(tmp, "key.json",
                     emulator.baseUrl() + "/token").toString(), VertexSettings.Auth.ADC))) {
            List<String> firstThenNext = tokens.token().thenCompose(first -> {
                tokens.rejected(first);
                return tokens.token().thenApply(next -> List.of(first, next));
            }).get(30, TimeUnit.SECONDS);
            assertNotEquals(firstThenNext.get(0), firstThenNext.get(1));
            assertEquals(2, emulator.stats().tokenRequests(), emulator.stats()::toJson);
        }
    }
}
