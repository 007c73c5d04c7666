package dev.gembatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGKILL in the middle of the final swap of a resumed output: a process replacing an
 * output of 6 rows with one of 10 is killed once the swap has done a step (before its commit
 * marker, and after the old output was deleted but before the new one was moved in); a second
 * process recovers the folder as any run starting on it does. The output is then the old one
 * whole or the new one whole, every row exactly once, and nothing is left beside it.
 */
class FolderSwapKillIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = FolderSwap.Step.class, names = {"STAGED", "REMOVED"})
    void aSwapKilledAfterAStepIsRecoveredWhole(FolderSwap.Step step) throws Exception {
        Path out = tmp.resolve("out");
        Path reached = tmp.resolve("reached");
        Process swapping = start("swap.log", "replace", out.toString(), step.name(),
                reached.toString());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(reached)) {
            assertTrue(swapping.isAlive(), () -> "the swap ended first: " + log("swap.log"));
            assertTrue(System.nanoTime() < deadline, "the swap never reached " + step);
            swapping.waitFor(100, TimeUnit.MILLISECONDS);
        }
        swapping.destroyForcibly();
        assertTrue(swapping.waitFor(1, TimeUnit.MINUTES));

        Process recovering = start("recover.log", "recover", out.toString());
        assertTrue(recovering.waitFor(3, TimeUnit.MINUTES));
        String log = log("recover.log");
        assertEquals(0, recovering.exitValue(), log);
        List<String> rows = log.lines().filter(l -> l.startsWith("row "))
                .map(l -> l.substring(4)).toList();
        System.out.println("FolderSwapKillIT: killed after " + step + "; " + log.lines()
                .filter(l -> l.startsWith("recovered: ")).findFirst().orElse(""));
        assertEquals(step == FolderSwap.Step.STAGED ? FolderSwapChild.rows("old", 6)
                : FolderSwapChild.rows("new", 10), rows, log);
        assertFalse(Files.exists(tmp.resolve("out.gembatch-staging")));
        assertFalse(Files.exists(tmp.resolve("out.gembatch-commit")));
    }

    private String log(String name) {
        try {
            return Files.readString(tmp.resolve(name), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Process start(String log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("gembatch.jvm.flags").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx512m", "-Dlog4j2.configurationFile="
                + Path.of("conf", "log4j2.properties").toAbsolutePath(), "-cp",
                Path.of("target", "test-classes").toAbsolutePath() + File.pathSeparator
                        + Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                        + Files.readString(Path.of(System.getProperty("gembatch.classpath.file")))
                        .trim(), FolderSwapChild.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(log).toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }
}
