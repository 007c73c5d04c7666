package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;

/**
 * What a task does around each request besides sending it: answers it can reuse instead of
 * sending, counting, and journaling emitted answers (with a flush deadline the waiting task
 * honours). Used by the task's own thread only. Public for the answering paths outside this
 * package (see {@link PartitionAnswerer#answering}).
 */
public interface AnswerLog extends AutoCloseable {

    /** An answer already paid for, to emit instead of sending, or null. */
    Answer reuse(String requestId);

    /** A request is about to be sent. */
    void sending(String requestId);

    /** An answer (sent, reused or skipped) is being emitted; {@code key} names its row. */
    void emitted(String requestId, String key, Answer answer);

    /** Milliseconds the task may wait for answers before {@link #tick()} has work. */
    long millisUntilDue();

    /** Does time-driven work (a due journal flush). */
    void tick();

    /** The task's input is exhausted and every row emitted. */
    @Override
    void close();
}
