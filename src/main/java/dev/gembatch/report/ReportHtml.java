package dev.gembatch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * report.html: the page template (inline CSS and JS that draws SVG charts, nothing fetched)
 * with report.json embedded in a script element.
 */
final class ReportHtml {
    private static final String TEMPLATE = load();
    private static final String SLOT = "/*REPORT_JSON*/{}";

    private ReportHtml() {
    }

    static String render(String json) {
        // inside <script>, "</script" or "<!--" in a string would end the element: escape '<'
        String safe = json.replace("<", "\\u003c").replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
        return TEMPLATE.replace(SLOT, safe);
    }

    private static String load() {
        try (InputStream in = ReportHtml.class.getResourceAsStream("report.html")) {
            if (in == null) {
                throw new IllegalStateException("report.html template missing from class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(SLOT)) {
                throw new IllegalStateException("report.html template has no data slot");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
