package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain http to a host other than loopback would carry the key in clear text: the job is refused
 * as invalid while its settings are read, before anything is sent, and the other problems the
 * run can know before sending (here a missing input) come in the same message (issue 13).
 */
class InsecureEndpointJobTest {
    private static final String KEY = "AIzaSyInsecureEndpointTestKey0042";

    @TempDir
    Path tmp;

    @Test
    void plainHttpToANonLoopbackHostIsAConfigErrorNamingTheKeyToSet() throws Exception {
        assertRefusedBeforeAnythingRuns("http://10.1.2.3");
    }

    /**
     * Regression (issue 12): the config took any host starting with "127." for loopback while the
     * transport wanted an IPv4 literal, so this URL passed validation and failed on the executor.
     */
    @Test
    void hostNameStartingWith127IsNotLoopbackAndIsRefusedBeforeAnythingIsSent() throws Exception {
        assertRefusedBeforeAnythingRuns("http://127.example.com");
    }

    private void assertRefusedBeforeAnythingRuns(String baseUrl) throws Exception {
        Path job = JobFixture.jobFile(tmp, "insecure.conf", String.join("\n",
                "input.path = " + JobFixture.q(tmp.resolve("never-read.csv")),
                "prompt.column = prompt",
                "model.name = gemini-2.5-flash",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "gemini.base-url = \"" + baseUrl + "\"",
                "gemini.api-key = \"" + KEY + "\""));

        JobFixture.Run run = JobFixture.main(job.toString()).expect(ExitCode.INVALID_JOB.code);

        assertTrue(run.err().contains("gemini.base-url"), run.err());
        assertTrue(run.err().contains("gemini.allow-insecure-http = true"), run.err());
        assertTrue(run.err().contains("never-read.csv' does not exist"), run.err());
        assertFalse((run.out() + run.err()).contains(KEY), "the key was echoed");
        assertFalse(tmp.resolve("out").toFile().exists(), "an output was written");
    }
}
