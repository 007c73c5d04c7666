package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code store} section: off by default, read with its per-model ages, mistakes reported. */
class StoreConfigTest {
    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    @Test
    void theStoreIsOffUnlessAPathIsSet() throws Exception {
        StoreSettings off = JobConfig.load(jobs.write(JobFiles.VALID), null, List.of(),
                JobFiles.ENV).store();
        assertFalse(off.enabled());
        StoreSettings on = JobConfig.load(jobs.write(JobFiles.VALID
                + "store { path = /data/store, max-age = 90d\n"
                + "  max-age-by-model { \"gemini-2.5-pro\" = 30d } }\n"), null, List.of(),
                JobFiles.ENV).store();
        assertTrue(on.enabled());
        assertEquals(Duration.ofDays(30), on.maxAge("gemini-2.5-pro"));
        assertEquals(Duration.ofDays(90), on.maxAge("gemini-2.5-flash"));
        assertEquals(128L << 20, on.compactBelowBytes());
    }

    @Test
    void storeMistakesAreReportedWithTheirKeyAndLine() {
        List<String> problems = jobs.problems("store.path = \" \"\n"
                + "store.max-age = -1d\n"
                + "store.max-age-by-model { \"gemini-2.5-pro\" = soon }\n");
        assertProblem(problems, "store.path " + jobs.at(5), "must not be blank");
        assertProblem(problems, "store.max-age " + jobs.at(6), ">= 0");
        assertProblem(problems, "store.max-age-by-model.\"gemini-2.5-pro\" " + jobs.at(7),
                "duration");
    }

    @Test
    void aStoreNeedsDedupe() {
        assertProblem(jobs.problems("store.path = /data/store\npipeline.dedupe = false\n"),
                "store.path " + jobs.at(5), "needs pipeline.dedupe = true");
    }
}
