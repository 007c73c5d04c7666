package dev.gembatch.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line: {@code JOB.conf [--set key=value]... [--site-conf FILE]} to run a job,
 * or {@code --emulator [--port N]} to serve the built-in emulator. {@code --resume} and
 * {@code --retry-failed} are short for the matching {@code --set output.mode=...}.
 */
record CommandLine(Path jobFile, List<String> overrides, Path siteConf, boolean emulator,
                   int port, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: jobs/run JOB.conf [--set key=value]... [--site-conf FILE]",
            "       jobs/run JOB.conf --resume | --retry-failed",
            "       jobs/run --emulator [--port N]",
            "  --set key=value   override one job setting (HOCON value; repeatable)",
            "  --site-conf FILE  site-wide overrides layered under the job file",
            "  --resume          continue an interrupted run (output.mode = resume)",
            "  --retry-failed    re-send the FAILED rows of an existing output"
                    + " (output.mode = retry-failed)",
            "  --emulator        serve the built-in Gemini emulator until stopped",
            "  --port N          the emulator's port (default: any free port)");

    /** Parses the arguments; a mistake is an IllegalArgumentException saying which. */
    static CommandLine parse(String[] args) {
        Path job = null;
        Path site = null;
        List<String> sets = new ArrayList<>();
        boolean emulator = false;
        boolean help = false;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> sets.add(value(args, ++i, "--set"));
                case "--site-conf" -> site = Path.of(value(args, ++i, "--site-conf"));
                case "--emulator" -> emulator = true;
                case "--resume" -> sets.add("output.mode = resume");
                case "--retry-failed" -> sets.add("output.mode = retry-failed");
                case "--port" -> port = port(value(args, ++i, "--port"));
                case "-h", "--help" -> help = true;
                default -> job = jobFile(job, args[i]);
            }
        }
        if (!help && !emulator && job == null) {
            throw new IllegalArgumentException("no job file given");
        }
        return new CommandLine(job, List.copyOf(sets), site, emulator, port, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port expects a number from 0 to 65535, got '"
                    + text + "'");
        }
    }

    private static Path jobFile(Path already, String arg) {
        if (arg.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + arg);
        }
        if (already != null) {
            throw new IllegalArgumentException("more than one job file: " + already + ", " + arg);
        }
        return Path.of(arg);
    }
}
