package dev.gembatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gembatch.config.Price;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * report.html in real headless Chromium: the page's script draws every chart without an error
 * (it writes how many into a marker element), and a screenshot is kept under
 * target/report-render/ as a build artefact. Skipped when chromium is not installed.
 */
class ReportRenderTest {
    private static final Path DIR = Path.of("target", "report-render");

    @Test
    void reportRendersInHeadlessChromiumWithoutErrors() throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed");
        Files.createDirectories(DIR);
        Path html = DIR.resolve("report.html");
        Files.writeString(html, sample().toHtml(), StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory("gembatch-chromium");

        String dom = runChromium(chromium, profile, "--dump-dom", html);
        assertTrue(dom.contains("data-rendered=\"7\""), () -> marker(dom));
        assertFalse(dom.contains("data-error=\""), () -> marker(dom));
        assertTrue(dom.contains("fail-500x9"), "error table lists sample keys");
        assertTrue(dom.contains("2026-11-25 10:00:00 UTC"), "started is shown to the second,"
                + " without its nanoseconds (issue 13 item 8)");
        assertTrue(dom.contains(">8.0k / 24.0k<"), "the tokens tile is compact enough not to"
                + " wrap (issue 13 item 8)");
        double smallest = Double.parseDouble(attribute(dom, "data-smallest-label-px"));
        assertTrue(smallest >= 12, "chart labels at 1400 px wide are " + smallest + " px, were"
                + " about 7 (issue 13 item 8)");

        runChromium(chromium, profile, "--screenshot=" + DIR.resolve("report.png")
                .toAbsolutePath(), html);
        assertTrue(Files.size(DIR.resolve("report.png")) > 10_000, "screenshot written");
    }

    /**
     * A resumed run that sent nothing: its report says how many rows it reused, on the page and
     * where a chart has nothing to show (it said only "nothing to show").
     */
    @Test
    void aResumedRunsReportNamesTheRowsItReused() throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed");
        Files.createDirectories(DIR);
        Path html = DIR.resolve("resumed.html");
        RunTotals totals = new RunTotals("out/reviews", Map.of(Status.OK, 10L, Status.SKIPPED,
                2L), 0, 0, 0, 900, List.of(), new RunTotals.Recovery(0, 10, 0, 0), 1,
                RunTotals.StoreUse.OFF);
        Files.writeString(html, new RunReport(totals, "gemini-2.5-flash",
                new Price(0.30, 2.50, 2.50, 0.03, 1.00, 0.5, 2.0), 0, Instant.parse("2026-11-25T10:00:00Z"),
                Instant.parse("2026-11-25T10:00:01Z"), new RunStats(), 10).toHtml(),
                StandardCharsets.UTF_8);
        String dom = runChromium(chromium, Files.createTempDirectory("gembatch-chromium"),
                "--dump-dom", html);
        assertTrue(dom.contains("10 rows answered by an earlier run (resume or retry-failed),"
                + " not sent again"), () -> marker(dom));
        assertTrue(dom.contains("no rows with a measured time (this run reused the answers of 10"
                + " rows from an earlier run: they were not sent again)"), () -> marker(dom));
    }

    private static String attribute(String dom, String name) {
        int at = dom.indexOf(name + "=\"");
        assertTrue(at >= 0, () -> "no " + name + ": " + marker(dom));
        int start = at + name.length() + 2;
        return dom.substring(start, dom.indexOf('"', start));
    }

    private static String runChromium(String chromium, Path profile, String action, Path html)
            throws Exception {
        Path log = Files.createTempFile(DIR, "chromium", ".log");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1900",
                "--hide-scrollbars", "--enable-logging=stderr", "--v=0", action,
                html.toUri().toString())
                .redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        String errors = Files.readString(log);
        assertFalse(errors.contains("Uncaught") || errors.contains("SyntaxError"), errors);
        return out;
    }

    private static String marker(String dom) {
        int at = dom.indexOf("id=\"render-status\"");
        return at < 0 ? dom : dom.substring(at, Math.min(dom.length(), at + 300));
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    /** A report with every kind of data: mixed statuses, retries, errors, a spread of times. */
    static RunReport sample() {
        RunStats stats = new RunStats();
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        for (int i = 0; i < 400; i++) {
            Status status = i % 40 == 0 ? Status.BLOCKED : i % 25 == 0 ? Status.FAILED : Status.OK;
            String finish = status == Status.OK ? (i % 30 == 0 ? "MAX_TOKENS" : "STOP") : null;
            ErrorInfo error = status == Status.FAILED ? new ErrorInfo(500, "INTERNAL", null,
                    "Internal error encountered.", true) : null;
            stats.row(new Answer(status, finish == null ? List.of()
                    : List.of(new Candidate(0, "text", null, finish, null, List.of(), List.of())),
                    null, new Usage(20, 60, null, null, null, 80), null, null, error,
                    1, 200L + (i * 37L) % 900, 800L + (i * 131L) % 4000, 3,
                    t0.plusSeconds(i / 7)), status == Status.FAILED ? "fail-500x9" : "r" + i);
        }
        stats.retries(Map.of("UNAVAILABLE", 12L, "RESOURCE_EXHAUSTED", 5L, "INTERNAL", 16L));
        Map<Status, Long> rows = new EnumMap<>(Status.class);
        rows.put(Status.OK, 374L);
        rows.put(Status.BLOCKED, 10L);
        rows.put(Status.FAILED, 16L);
        RunTotals totals = new RunTotals("out/reviews", rows, 33, 8000, 24000, 61_000);
        return new RunReport(totals, "gemini-2.5-flash", new Price(0.30, 2.50, 2.50, 0.03, 1.00, 0.5, 2.0), 0,
                t0.plusNanos(123_456_789), t0.plusSeconds(61), stats, 10);
    }
}
