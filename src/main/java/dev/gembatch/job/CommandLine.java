package dev.gembatch.job;

import dev.gembatch.emulator.EmulatorFlags;
import dev.gembatch.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line: {@code JOB.conf [--set key=value]... [--site-conf FILE]} to run a job
 * (or to preview its first rows, {@code --preview N}, or estimate it, {@code --dry-run}), or
 * {@code --emulator [knobs]} to serve the built-in emulator ({@code emulator} is then its
 * options, else null). {@code preview} is 0 for none. {@code --resume} and
 * {@code --retry-failed} are short for the matching {@code --set output.mode=...}.
 * {@code store} is the answer store maintenance asked for ({@code --store-compact},
 * {@code --store-stats}), else null.
 */
record CommandLine(Path jobFile, List<String> overrides, Path siteConf, EmulatorOptions emulator,
                   boolean help, int preview, Path previewOutput, boolean dryRun,
                   StoreMaintenance.Task store) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: jobs/run JOB.conf [--set key=value]... [--site-conf FILE]",
            "       jobs/run --preview N [--preview-output PATH] JOB.conf [--set key=value]...",
            "       jobs/run --dry-run JOB.conf [--set key=value]...",
            "       jobs/run JOB.conf --resume | --retry-failed",
            "       jobs/run --store-compact | --store-stats JOB.conf [--set key=value]...",
            "       jobs/run --emulator [--port N] [--first-byte-ms N] [--chunks N] [--chaos F] ...",
            "  --set key=value   override one job setting (HOCON value; repeatable)",
            "  --site-conf FILE  site-wide overrides layered under the job file",
            "  --resume          continue an interrupted run (output.mode = resume)",
            "  --retry-failed    re-send the FAILED rows of an existing output"
                    + " (output.mode = retry-failed)",
            "  --preview N       send only the first N rows and print their answers; writes nothing",
            "  --preview-output PATH  also write the previewed rows as Parquet to PATH",
            "  --dry-run         check everything, count rows, estimate tokens and cost; sends no",
            "                    generation request",
            "  --store-compact   merge the answer store's small segments, drop expired answers",
            "  --store-stats     print the answer store's answers, bytes, by model and by age",
            "  --emulator        serve the built-in Gemini emulator until stopped, with:",
            String.join(System.lineSeparator(), EmulatorFlags.usage()));

    /** Parses the arguments; a mistake is an IllegalArgumentException saying which. */
    static CommandLine parse(String[] args) {
        Path job = null;
        Path site = null;
        List<String> sets = new ArrayList<>();
        boolean emulator = false;
        boolean help = false;
        List<String> knobs = new ArrayList<>();
        int preview = 0;
        Path previewOutput = null;
        boolean dryRun = false;
        StoreMaintenance.Task store = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> sets.add(value(args, ++i, "--set"));
                case "--site-conf" -> site = Path.of(value(args, ++i, "--site-conf"));
                case "--emulator" -> emulator = true;
                case "--resume" -> sets.add("output.mode = resume");
                case "--retry-failed" -> sets.add("output.mode = retry-failed");
                case "--preview" -> preview = positive(value(args, ++i, "--preview"));
                case "--preview-output" -> previewOutput = Path.of(value(args, ++i,
                        "--preview-output"));
                case "--dry-run" -> dryRun = true;
                case "--store-compact" -> store = StoreMaintenance.Task.COMPACT;
                case "--store-stats" -> store = StoreMaintenance.Task.STATS;
                case "-h", "--help" -> help = true;
                default -> {
                    if (EmulatorFlags.isFlag(args[i])) {
                        knobs.add(args[i]);
                        if (EmulatorFlags.takesValue(args[i])) {
                            knobs.add(value(args, ++i, args[i]));
                        }
                    } else {
                        job = jobFile(job, args[i]);
                    }
                }
            }
        }
        if (!help && !emulator && job == null) {
            throw new IllegalArgumentException("no job file given");
        }
        if (!emulator && !knobs.isEmpty()) {
            throw new IllegalArgumentException(knobs.get(0) + " needs --emulator (in a job,"
                    + " set gemini.emulator.* instead)");
        }
        checkModes(preview, previewOutput, dryRun);
        if (store != null && (preview > 0 || dryRun)) {
            throw new IllegalArgumentException("--store-compact and --store-stats go alone");
        }
        return new CommandLine(job, List.copyOf(sets), site,
                emulator ? EmulatorFlags.parse(knobs) : null,
                help, preview, previewOutput, dryRun, store);
    }

    private static void checkModes(int preview, Path previewOutput, boolean dryRun) {
        if (preview > 0 && dryRun) {
            throw new IllegalArgumentException("--preview and --dry-run do not go together");
        }
        if (previewOutput != null && preview == 0) {
            throw new IllegalArgumentException("--preview-output needs --preview N");
        }
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--preview expects a number of rows >= 1, got '"
                    + text + "'");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
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
