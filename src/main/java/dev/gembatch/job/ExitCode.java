package dev.gembatch.job;

/** The launcher's exit codes (documented in README.md). */
enum ExitCode {
    /** The job finished; rows may have failed (that is data, see the status column). */
    DONE(0),
    /** Unexpected error inside gembatch or Spark. */
    INTERNAL_ERROR(1),
    /** Invalid job file, settings, input or output target: nothing was sent. */
    INVALID_JOB(2),
    /** Aborted by the failure budget: every call failed the same way (bad key, unknown model). */
    ABORTED(3);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
