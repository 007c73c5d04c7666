package dev.gembatch.job;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.InvalidConfigException;
import dev.gembatch.config.JobConfig;
import dev.gembatch.config.JobSettings;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.model.ApiKey;
import dev.gembatch.pipeline.SystemicFailureException;
import dev.gembatch.report.RunReport;
import java.io.PrintStream;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;

/**
 * The one entry point, for {@code jobs/run} and {@code spark-submit --class dev.gembatch.job.Main}:
 * runs a job file, or serves the built-in emulator. Exit codes: see {@link ExitCode}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the process exit code (never calls System.exit). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("gembatch: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return ExitCode.INVALID_JOB.code;
        }
        if (cli.help()) {
            out.println(CommandLine.USAGE);
            return ExitCode.DONE.code;
        }
        return cli.emulator() != null ? EmulatorCommand.serve(cli.emulator(), out, err).code
                : runJob(cli, out, err).code;
    }

    private static ExitCode runJob(CommandLine cli, PrintStream out, PrintStream err) {
        JobSettings job;
        try {
            job = JobConfig.load(cli.jobFile(), cli.siteConf(), cli.overrides(), System.getenv());
        } catch (InvalidConfigException e) {
            err.println("gembatch: invalid job " + cli.jobFile() + ":");
            err.println(InputOfInvalidJob.withInputProblems(e).getMessage());
            return ExitCode.INVALID_JOB;
        }
        ApiKey key = job.gemini().apiKey();
        try (GeminiEmulator emulator = job.useEmulator() ? EmulatorCommand.start(job) : null) {
            GeminiSettings gemini = emulator == null ? job.gemini()
                    : job.gemini().withBaseUrl(emulator.baseUrl())
                            .withApiKey(ApiKey.of(emulator.apiKey()));
            if (cli.preview() > 0 && cli.store() == null && !cli.dryRun()) {
                ExitCode local = previewWithoutSpark(cli, job, gemini, out, err);
                if (local != null) {
                    return local;
                }
            }
            return runOnSpark(cli, job, gemini, out, err);
        } catch (Exception e) {
            err.println("gembatch: internal error: " + key.redact(String.valueOf(e)));
            return ExitCode.INTERNAL_ERROR;
        }
    }

    /** A preview {@link LocalPreview} can take without Spark, or null: Spark's to run. */
    private static ExitCode previewWithoutSpark(CommandLine cli, JobSettings job,
                                                GeminiSettings gemini, PrintStream out,
                                                PrintStream err) {
        try {
            return LocalPreview.run(job, gemini, cli.preview(), cli.previewOutput(), out)
                    ? ExitCode.DONE : null;
        } catch (Exception e) {
            return failed(e, gemini, err);
        }
    }

    private static ExitCode runOnSpark(CommandLine cli, JobSettings job, GeminiSettings gemini,
                                       PrintStream out, PrintStream err) {
        SparkSessions.Owned session = SparkSessions.open(job);
        try {
            if (cli.store() != null) {
                StoreMaintenance.run(session.spark(), job, cli.store(), out);
            } else if (cli.dryRun()) {
                DryRun.run(session.spark(), job, gemini, out);
            } else if (cli.preview() > 0) {
                Preview.run(session.spark(), job, gemini, cli.preview(), cli.previewOutput(), out);
            } else {
                RunReport report = JobRunner.run(session.spark(), job, gemini, out);
                out.println(report.toTable());
            }
            return ExitCode.DONE;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            return failed(e, gemini, err);
        } finally {
            session.close();
        }
    }

    /** Says why the job could not run or stopped, and the exit code that tells it. */
    private static ExitCode failed(Exception e, GeminiSettings gemini, PrintStream err) {
        if (e instanceof InvalidInputException) {
            err.println("gembatch: cannot run the job:");
            err.println(e.getMessage());
            return ExitCode.INVALID_JOB;
        }
        if (ShutdownHookManager.get().isShutdownInProgress()) {
            err.println("gembatch: stopped by a signal; the answers received are journaled:"
                    + " run the job again with --resume to continue");
            return ExitCode.INTERNAL_ERROR;
        }
        String abort = abortMessage(e);
        err.println("gembatch: " + gemini.apiKey().redact(abort != null
                ? "aborted the run: " + abort : "the job failed: " + e));
        return abort != null ? ExitCode.ABORTED : ExitCode.INTERNAL_ERROR;
    }

    /** Why the failure budget aborted the run, from Spark's wrapped task failure, or null. */
    static String abortMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            int at = m.indexOf(SystemicFailureException.MARKER);
            if (at >= 0) {
                String why = m.substring(at + SystemicFailureException.MARKER.length());
                return why.lines().findFirst().orElse(why);
            }
        }
        return null;
    }
}
