package dev.gembatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gembatch.model.ApiKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings builders: copies keep every field, and no builder makes up a default. */
class SettingsBuildersTest {

    private static JobSettings full() throws InvalidConfigException {
        return JobConfig.load(JobConfigLoadingTest.resource("full-job.conf"), null, List.of(),
                Map.of("MY_GEMINI_KEY", "k"));
    }

    @Test
    void toBuilderCopiesEveryFieldOfAJobThatSetsEveryKey() throws Exception {
        JobSettings job = full();
        assertEquals(job, job.toBuilder().build());
        assertEquals(job.gemini(), job.gemini().toBuilder().build());
        assertEquals(job.gemini().timeouts(), job.gemini().timeouts().toBuilder().build());
        assertEquals(job.model(), job.model().toBuilder().build());
        assertEquals(job.model().generation(), job.model().generation().toBuilder().build());
        assertEquals(job.prompt(), job.prompt().toBuilder().build());
        assertEquals(job.emulator(), job.emulator().toBuilder().build());
    }

    @Test
    void aBuilderWithoutABaseNamesEveryFieldItWasNotGiven() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Timeouts.builder().connect(Duration.ofSeconds(1)).idle(Duration.ZERO)
                        .build());
        assertEquals("Timeouts.builder() has no defaults: set firstByte, attempt, row,"
                + " shutdownGrace (or start from toBuilder() of loaded settings)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> GeminiSettings.builder().build());
        assertThrows(IllegalStateException.class, () -> ModelSettings.builder().name("m").build());
        assertThrows(IllegalStateException.class, () -> JobSettings.builder().build());
        assertThrows(IllegalStateException.class, () -> EmulatorKnobs.builder().build());
        assertThrows(IllegalStateException.class,
                () -> PromptSettings.builder().column("text").build());
    }

    @Test
    void aGenerationBuilderLeavesWhatItIsNotGivenOutOfTheRequest() {
        assertEquals(new GenerationSettings(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null), GenerationSettings.builder().build());
        assertEquals(0.5, GenerationSettings.builder().temperature(0.5).build().temperature());
    }

    @Test
    void withCopiesChangeOnlyTheirOwnField() throws Exception {
        GeminiSettings g = full().gemini();
        QuotaSettings share = new QuotaSettings(10, 0, 2, java.time.Duration.ZERO, false);
        assertEquals(g.toBuilder().baseUrl("http://127.0.0.1:1").build(),
                g.withBaseUrl("http://127.0.0.1:1"));
        assertEquals(g.toBuilder().apiKey(ApiKey.of("other")).build(),
                g.withApiKey(ApiKey.of("other")));
        assertEquals(g.toBuilder().quota(share).build(), g.withQuota(share));
        assertNotEquals(g, g.withQuota(share));
    }

    @Test
    void aFieldNameTheRecordDoesNotHaveIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new GivenFields(Timeouts.class).add("conect"));
    }
}
