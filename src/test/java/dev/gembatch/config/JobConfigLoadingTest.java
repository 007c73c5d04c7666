package dev.gembatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings.AuthMode;
import dev.gembatch.config.GeminiSettings.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigLoadingTest {
    private static final Map<String, String> ENV = Map.of("GEMINI_API_KEY", "test-key-123");

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(JobConfigLoadingTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fullJobFileSetsEveryKey() throws Exception {
        JobSettings s = JobConfig.load(resource("full-job.conf"), null, List.of(),
                Map.of("MY_GEMINI_KEY", "from-my-var"));
        assertEquals(new InputSettings("data/reviews.csv", InputFormat.CSV,
                new CsvSettings(false, ";", "'", "\\", false, "ISO-8859-1"), "review_id"), s.input());
        assertEquals(PromptSettings.builder()
                .template("Classify the sentiment of: {{review_text}}").column(null)
                .systemInstruction("You label {{product}} reviews. Answer POSITIVE, NEGATIVE or"
                        + " NEUTRAL.")
                .parts(List.of()).maxInlineBytes(20L << 20).build(), s.prompt());
        assertEquals(GenerationSettings.builder().temperature(0.2).topP(0.95).topK(40)
                .candidateCount(2).maxOutputTokens(256).stopSequences(List.of("END", "STOP"))
                .responseMimeType("application/json")
                .responseSchemaJson("{\"properties\":{\"label\":{\"enum\":[\"POSITIVE\","
                        + "\"NEGATIVE\",\"NEUTRAL\"],\"type\":\"STRING\"}},"
                        + "\"required\":[\"label\"],\"type\":\"OBJECT\"}")
                .seed(42L).presencePenalty(0.5).frequencyPenalty(-0.5).thinkingBudget(1024)
                .includeThoughts(true).thinkingLevel("LOW").build(), s.model().generation());
        assertEquals("gemini-2.5-flash", s.model().name());
        assertEquals(List.of(new SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE"),
                new SafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_ONLY_HIGH")),
                s.model().safetySettings());
        assertEquals("{\"tools\":[{\"googleSearch\":{}}]}", s.model().extraRequestFieldsJson());
        assertEquals(ServiceTier.FLEX, s.model().serviceTier());
        assertEquals(FlexFallback.SKIP, s.model().flexFallback());
        assertEquals(LocalTime.of(6, 30), s.gemini().flex().deadlineAt());
        assertEquals(OutputSettings.folder("out/labels", OutputMode.OVERWRITE, List.of("label"),
                "g_"), s.output());
        assertEquals(new SparkSettings("local[2]", 12,
                Map.of("spark.sql.shuffle.partitions", "4", "spark.ui.enabled", "false")), s.spark());
        assertEquals(EmulatorKnobs.builder().firstByteLatency(Duration.ofSeconds(1))
                .chunkGap(Duration.ofMillis(5)).chunks(7).requestsPerMinute(600)
                .tokensPerMinute(100000).maxConcurrentStreams(8).chaosFraction(0.25).chaosSeed(7)
                .http2(true).extraModels(List.of()).flexShedRate(0).priorityDowngradeRate(0)
                .build(), s.emulator());
        assertFalse(s.useEmulator());
    }

    @Test
    void fullJobFileGeminiSection() throws Exception {
        GeminiSettings g = JobConfig.load(resource("full-job.conf"), null, List.of(),
                Map.of("MY_GEMINI_KEY", "from-my-var")).gemini();
        assertEquals("https://proxy.example.com/gemini", g.baseUrl());
        assertEquals("from-my-var", g.apiKey().reveal());
        assertEquals(AuthMode.QUERY, g.auth());
        assertEquals(WireFormat.JSON_ARRAY, g.wireFormat());
        assertEquals(GeminiSettings.HttpVersion.H2, g.httpVersion());
        assertEquals(LimiterSettings.fixed(16), g.limiter());
        assertEquals(Timeouts.builder().connect(Duration.ofSeconds(5))
                .firstByte(Duration.ofSeconds(30)).idle(Duration.ofSeconds(20))
                .attempt(Duration.ofMinutes(5)).row(Duration.ofMinutes(20))
                .shutdownGrace(Duration.ofSeconds(10)).build(), g.timeouts());
        assertEquals(new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(30)), g.retry());
        assertTrue(g.allowInsecureHttp());
        assertTrue(g.userAgent().matches("gembatch/\\d+\\.\\d+\\.\\d+.*"), g.userAgent());
    }

    @Test
    void minimalJobGetsEveryDefaultFromReferenceConf() throws Exception {
        JobSettings s = JobConfig.load(resource("minimal-job.conf"), null, List.of(), ENV);
        assertEquals(new InputSettings("in.csv", InputFormat.AUTO,
                new CsvSettings(true, ",", "\"", "\"", true, "UTF-8"), null), s.input());
        assertEquals(PromptSettings.builder().template(null).column("text").systemInstruction(null)
                .parts(List.of()).maxInlineBytes(20L << 20).build(), s.prompt());
        assertEquals(ModelSettings.builder().name("gemini-2.5-flash")
                .generation(GenerationSettings.builder().build()).safetySettings(List.of())
                .extraRequestFieldsJson("{}").serviceTier(ServiceTier.STANDARD)
                .flexFallback(FlexFallback.STANDARD).contextCache(ContextCache.OFF).build(), s.model());
        assertEquals(OutputSettings.folder("out", OutputMode.ERROR_IF_EXISTS, List.of(), ""),
                s.output());
        assertEquals(new SparkSettings("local[*]", 0, Map.of()), s.spark());
        GeminiSettings g = s.gemini();
        assertEquals("https://generativelanguage.googleapis.com", g.baseUrl());
        assertEquals("test-key-123", g.apiKey().reveal());
        assertEquals(AuthMode.HEADER, g.auth());
        assertEquals(WireFormat.SSE, g.wireFormat());
        assertEquals(GeminiSettings.HttpVersion.AUTO, g.httpVersion());
        assertEquals(new LimiterSettings(true, 32, 1, 32), g.limiter());
        assertEquals(Timeouts.builder().connect(Duration.ofSeconds(10))
                .firstByte(Duration.ofSeconds(60)).idle(Duration.ofSeconds(60))
                .attempt(Duration.ofMinutes(10)).row(Duration.ofMinutes(30))
                .shutdownGrace(Duration.ofSeconds(10)).build(), g.timeouts());
        assertEquals(new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(60)), g.retry());
        assertFalse(g.allowInsecureHttp());
        assertFalse(s.useEmulator());
    }

    @Test
    void setOverridesWinOverTheJobFileIncludingListsDurationsAndNull() throws Exception {
        JobSettings s = JobConfig.load(resource("full-job.conf"), null, List.of(
                "gemini.concurrency=8", "gemini.timeouts.idle = 90s",
                "output.partition-by=[a, \"b c\"]", "spark.master=local[4]",
                "model.generation.temperature=null", "gemini.base-url=http://127.0.0.1:8080",
                "spark.conf={\"spark.executor.memory\" = 2g}", "gemini.concurrency=9"),
                Map.of("MY_GEMINI_KEY", "k"));
        assertEquals(9, s.gemini().limiter().max());
        assertEquals(Duration.ofSeconds(90), s.gemini().timeouts().idle());
        assertEquals(List.of("a", "b c"), s.output().partitionBy());
        assertEquals("local[4]", s.spark().master());
        assertNull(s.model().generation().temperature());
        assertEquals("http://127.0.0.1:8080", s.gemini().baseUrl());
        assertEquals(Map.of("spark.executor.memory", "2g", "spark.sql.shuffle.partitions", "4",
                "spark.ui.enabled", "false"), s.spark().conf(), "HOCON objects merge");
    }

    @Test
    void siteConfLiesBetweenReferenceAndJob() throws Exception {
        Path site = Files.writeString(dir.resolve("gembatch.conf"),
                "gemini.concurrency = 4\ngemini.retry.max-attempts = 2\n");
        Path job = Files.writeString(dir.resolve("job.conf"),
                Files.readString(resource("minimal-job.conf")) + "gemini.concurrency = 5\n");
        JobSettings s = JobConfig.load(job, site, List.of(), ENV);
        assertEquals(5, s.gemini().limiter().max());
        assertEquals(2, s.gemini().retry().maxAttempts());
    }

    @Test
    void apiKeyComesFromTheGivenEnvironmentNotTheProcess() throws Exception {
        JobSettings s = JobConfig.load(resource("minimal-job.conf"), null, List.of(),
                Map.of("GEMINI_API_KEY", "  env-key  "));
        assertEquals("env-key", s.gemini().apiKey().reveal());
    }

    @Test
    void emulatorBaseUrlNeedsNoKey() throws Exception {
        JobSettings s = JobConfig.load(resource("minimal-job.conf"), null,
                List.of("gemini.base-url=emulator"), Map.of());
        assertTrue(s.useEmulator());
        assertTrue(s.gemini().apiKey().isEmpty());
    }

    @Test
    void settingsSurviveJavaSerialization() throws Exception {
        JobSettings s = JobConfig.load(resource("full-job.conf"), null, List.of(),
                Map.of("MY_GEMINI_KEY", "k"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            JobSettings back = (JobSettings) in.readObject();
            assertEquals(s.model(), back.model());
            assertEquals(s.spark(), back.spark());
            assertEquals("k", back.gemini().apiKey().reveal());
        }
    }
}
