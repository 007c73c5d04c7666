package dev.gembatch.pipeline;

import dev.gembatch.config.AnswerColumn;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * An earlier answer column a prompt reads, located in the rows it reads: {@code {{name}}} renders
 * its answer text, and a row is sent only when its status is OK.
 */
public record Upstream(String name, int answerIndex, int statusIndex, int errorIndex)
        implements Serializable {

    /** The answer columns {@code reads} located among {@code columns}. */
    public static List<Upstream> locate(List<AnswerColumn> reads, List<String> columns) {
        return reads.stream().map(a -> new Upstream(a.name(), index(columns, a.answerColumn()),
                index(columns, a.statusColumn()), index(columns, a.errorStatusColumn())))
                .toList();
    }

    /** Why {@code row} cannot use this answer, or null when its status is OK. */
    public String notOk(Row row) {
        Object status = row.get(statusIndex);
        if ("OK".equals(status)) {
            return null;
        }
        Object error = row.get(errorIndex);
        return "the answer " + name + " is " + status + (error == null ? "" : " (" + error + ")");
    }

    private static int index(List<String> columns, String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("answer column " + name + " is not among "
                    + columns + ": answers must run in dependency order");
        }
        return i;
    }
}
