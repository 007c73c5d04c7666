package dev.gembatch.config;

import java.time.Duration;

/** Reads and checks the report section. */
final class ReportSection {
    private ReportSection() {
    }

    static ReportSettings report(Reader r) {
        Duration interval = r.durationAtLeast("report.progress-interval", Duration.ZERO, true);
        if (interval != null && !interval.isZero() && interval.toMillis() < 500) {
            r.problems().bad(r.config(), "report.progress-interval",
                    "must be 0 (no progress line) or at least 500ms");
        }
        Integer top = r.intIn("report.top-errors", 1, 1000);
        return new ReportSettings(interval == null ? Duration.ZERO : interval,
                IoSections.flag(r.bool("report.write-files")), top == null ? 10 : top);
    }
}
