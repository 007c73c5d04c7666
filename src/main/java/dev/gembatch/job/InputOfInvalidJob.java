package dev.gembatch.job;

import dev.gembatch.config.InvalidConfigException;
import dev.gembatch.config.JobSettings;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.OutputTarget;
import java.util.List;

/**
 * When a job's settings are invalid, the input and output target are still checked against the
 * settings as far as they could be read, so that one message says every problem known before
 * anything is sent: settings, input columns, output target. Nothing is sent, and a check that
 * cannot run on half-read settings adds nothing (the settings' own problems say why).
 */
final class InputOfInvalidJob {
    private InputOfInvalidJob() {
    }

    /** {@code e} with the problems of the input and output target appended. */
    static InvalidConfigException withInputProblems(InvalidConfigException e) {
        JobSettings job = e.readSoFar().orElse(null);
        if (job == null || job.input() == null || job.input().path() == null
                || job.output() == null || job.output().path() == null || job.answers().isEmpty()
                || job.spark() == null) {
            return e;
        }
        try (SparkSessions.Owned session = SparkSessions.open(job)) {
            OutputTarget target = JobRunner.checkedTarget(session.spark(), job);
            JobRunner.withTargetProblems(session.spark(), target,
                    () -> JobRunner.readChecked(session.spark(), job));
            return e.with(target.check(session.spark(), null));
        } catch (InvalidInputException input) {
            return e.with(input.problems());
        } catch (RuntimeException notReadable) {
            return e;
        }
    }
}
