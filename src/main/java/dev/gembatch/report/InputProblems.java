package dev.gembatch.report;

import dev.gembatch.model.ErrorStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator of the input rows that could not be sent: how many, and the first few
 * reasons as examples (bounded, so a file of a million bad lines costs no driver memory).
 * Thread-safe, and readable before deserialization has set its fields: the executor's heartbeat
 * thread reads a task's copy while the task adds, from the moment Spark registers it (an
 * exception there would end the executor's heartbeats).
 */
public final class InputProblems extends AccumulatorV2<String, List<String>> {
    private static final long serialVersionUID = 1L;
    /** Examples kept. */
    static final int EXAMPLES = 5;
    private long count;
    private ArrayList<String> examples = new ArrayList<>();

    /** A fresh accumulator registered with this Spark context. */
    public static InputProblems register(SparkContext sc) {
        InputProblems p = new InputProblems();
        sc.register(p, "gembatch.input.invalid");
        return p;
    }

    /** Rows counted. */
    public synchronized long count() {
        return count;
    }

    /** Summary lines for the run report: none when every row could be sent. */
    public synchronized List<String> notes() {
        if (count == 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("input: " + count + " row(s) could not be sent and are SKIPPED with"
                + " error_status " + ErrorStatus.INVALID_INPUT + ", e.g.:");
        examples().forEach(e -> lines.add("    " + e.replace("\r", "\\r").replace("\n", "\\n")));
        return lines;
    }

    @Override
    public synchronized boolean isZero() {
        return count == 0 && (examples == null || examples.isEmpty());
    }

    @Override
    public synchronized InputProblems copy() {
        InputProblems c = new InputProblems();
        c.count = count;
        c.examples.addAll(examples());
        return c;
    }

    @Override
    public synchronized void reset() {
        count = 0;
        examples().clear();
    }

    @Override
    public synchronized void add(String reason) {
        count++;
        if (examples().size() < EXAMPLES) {
            examples.add(reason);
        }
    }

    @Override
    public void merge(AccumulatorV2<String, List<String>> other) {
        InputProblems o = ((InputProblems) other).copy();
        synchronized (this) {
            count += o.count;
            for (String e : o.examples) {
                if (examples().size() < EXAMPLES) {
                    examples.add(e);
                }
            }
        }
    }

    @Override
    public synchronized List<String> value() {
        return List.copyOf(examples());
    }

    /** The examples, created when read before deserialization has set them. */
    private List<String> examples() {
        if (examples == null) {
            examples = new ArrayList<>();
        }
        return examples;
    }
}
