package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code jobs/run --emulator} takes every emulator knob as a flag (issue 13 item 6), the same
 * vocabulary as the stand-alone emulator, and {@code --help} lists them.
 */
class CommandLineTest {
    @Test
    void emulatorKnobsAreFlagsOfTheLauncher() {
        CommandLine cli = CommandLine.parse(new String[] {"--emulator", "--port", "0",
            "--first-byte-ms", "300", "--gap-ms", "15", "--chunks", "7", "--rpm", "600",
            "--max-streams", "8", "--chaos", "0.2", "--seed", "5", "--extra-model", "acme-v2",
            "--h2c"});
        assertEquals(300, cli.emulator().firstByteLatency().toMillis());
        assertEquals(15, cli.emulator().chunkGap().toMillis());
        assertEquals(7, cli.emulator().chunks());
        assertEquals(600, cli.emulator().requestsPerMinute());
        assertEquals(8, cli.emulator().maxConcurrentStreams());
        assertEquals(0.2, cli.emulator().chaosFraction());
        assertEquals(5, cli.emulator().chaosSeed());
        assertEquals(List.of("acme-v2"), cli.emulator().extraModels());
        assertTrue(cli.emulator().http2());
    }

    @Test
    void anEmulatorKnobWithoutEmulatorIsAUsageError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"job.conf", "--chunks", "3"}));
        assertTrue(e.getMessage().contains("--chunks needs --emulator"), e.getMessage());
    }

    @Test
    void aBadKnobValueNamesTheFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--emulator", "--chunks", "many"}));
        assertTrue(e.getMessage().contains("--chunks expects a whole number"), e.getMessage());
    }

    @Test
    void helpListsEveryEmulatorKnob() {
        for (String flag : List.of("--first-byte-ms", "--gap-ms", "--chunks", "--rpm", "--tpm",
                "--max-streams", "--chaos", "--seed", "--extra-model", "--h2c", "--key")) {
            assertTrue(CommandLine.USAGE.contains(flag), flag);
        }
        assertEquals(null, CommandLine.parse(new String[] {"job.conf"}).emulator());
    }
}
