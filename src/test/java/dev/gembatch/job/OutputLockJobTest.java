package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gembatch.emulator.EmulatorOptions;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run at a time per output, and an output that cannot be created is found before paying
 * (issue 11, items 4 and 5): a second run on an output being written is refused at start naming
 * the running one; a lock left by a dead run on this host is taken over; a lock from elsewhere
 * whose heartbeat stopped says how to clear it; a read-only mount fails the start check.
 */
class OutputLockJobTest extends SparkTestBase {
    private static final int ROWS = 40;

    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder()
            .firstByteLatency(Duration.ofMillis(150)).build());

    @TempDir
    Path tmp;
    private Path job;
    private Path lock;

    @BeforeEach
    void writeJob() throws Exception {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, IntStream.range(0, ROWS).mapToObj(i -> i + ",text " + i)
                .collect(Collectors.joining("\n", "id,text\n", "\n")), StandardCharsets.UTF_8);
        job = JobFixture.jobFile(tmp, "job.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.template = \"Say: {{text}}\"",
                "model.name = \"gemini-2.5-flash\"",
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "gemini { concurrency = 2, adaptive-concurrency = false }",
                "spark { master = \"local[2]\", partitions = 1 }"));
        lock = tmp.resolve("out.gembatch-lock");
    }

    @Test
    void aSecondRunOnAnOutputBeingWrittenIsRefusedAtStartNamingTheRunningOne() throws Exception {
        CompletableFuture<JobFixture.Run> first = CompletableFuture.supplyAsync(
                () -> fixture.run(job));
        Assertions.assertTrue(waitFor(() -> fixture.emulator.stats().totalRequests() > 0 || first.isDone()),
                "the first run never started sending");
        long pid = ProcessHandle.current().pid();
        JobFixture.Run second = fixture.run(job).expect(2);
        Assertions.assertTrue(second.err().contains("in use by another run (pid " + pid), second.err());
        Assertions.assertTrue(second.err().contains(lock.toString()), second.err());
        first.get(2, TimeUnit.MINUTES).expect(0);
        assertEquals(ROWS, fixture.emulator.stats().totalRequests(), "every row paid once");
        Assertions.assertFalse(Files.exists(lock), "the lock is released when the run ends");
    }

    @Test
    void aLockLeftByADeadRunOnThisHostIsTakenOverWithANote() throws Exception {
        long dead = deadPid();
        writeLock(InetAddress.getLocalHost().getHostName(), dead);
        JobFixture.Run r = fixture.run(job).expect(0);
        Assertions.assertTrue(r.out().contains("took over the lock") && r.out().contains("pid " + dead),
                r.out());
        Assertions.assertFalse(Files.exists(lock));
    }

    @Test
    void aLockFromAnotherHostWithoutHeartbeatSaysHowToClearIt() throws Exception {
        writeLock("elsewhere.example", 4242);
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(9))));
        JobFixture.Run r = fixture.run(job).expect(2);
        Assertions.assertTrue(r.err().contains("pid 4242 of tester on host elsewhere.example"), r.err());
        Assertions.assertTrue(r.err().contains("no heartbeat for 9 min"), r.err());
        Assertions.assertTrue(r.err().contains("delete " + lock), r.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
        JobFixture.Run dry = fixture.command(job, "--dry-run").expect(2);
        Assertions.assertTrue(dry.err().contains("in use by another run"), dry.err());
    }

    @Test
    void aReadOnlyMountFailsTheStartCheckBeforeAnyRequest() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "ro,mode=0777,size=1m", "tmpfs",
                ro.toString()) == 0, "needs root and mount (as in CI)");
        try {
            String out = "output.path=" + JobFixture.q(ro.resolve("labels/out"));
            JobFixture.Run r = fixture.run(job, out).expect(2);
            Assertions.assertTrue(r.err().contains("cannot create a file in"), r.err());
            JobFixture.Run dry = fixture.command(job, "--dry-run", "--set", out).expect(2);
            Assertions.assertTrue(dry.err().contains("cannot create a file in"), dry.err());
            assertEquals(0, fixture.emulator.stats().totalRequests());
        } finally {
            run("umount", ro.toString());
        }
    }

    private void writeLock(String host, long pid) throws Exception {
        Files.writeString(lock, String.join("\n", "id=left-behind", "user=tester", "host=" + host,
                "pid=" + pid, "started=2026-12-01T02:00:00Z"), StandardCharsets.ISO_8859_1);
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** Polls a condition the run itself makes true (no fixed sleep); false after a minute. */
    private static boolean waitFor(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }
}
