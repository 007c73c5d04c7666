package dev.gembatch.input;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.KeyOrigins;
import dev.gembatch.config.Spelling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks the input's columns against what the job needs: every referenced column present (and of
 * the type its key needs), no input column named like a result column or an answer, and a unique
 * {@code input.id-column}.
 */
public final class InputColumns {
    private InputColumns() {
    }

    /** The input columns each job key reads (e.g. "prompt.template" → [review_text]). */
    public static Map<String, List<String>> required(JobSettings job) {
        return RequiredColumns.of(job);
    }

    /**
     * The columns the job reads, checked against {@code schema}: every problem at once.
     *
     * @param resultColumns the result column names the output will add (prefixed)
     */
    public static void check(StructType schema, JobSettings job, List<String> resultColumns)
            throws InvalidInputException {
        check(schema, required(job), resultColumns,
                job.answers().stream().map(AnswerColumn::name).filter(n -> n != null).toList(),
                job.origins());
        for (AnswerColumn a : job.answers()) {
            checkTypes(schema, MediaColumns.types(a.keyPrefix(), a.prompt()));
        }
    }

    /**
     * @param required columns each job key refers to (e.g. "prompt.template" → [review_text])
     * @param resultColumns the result column names the output will add (prefixed)
     * @param answers the names of a spreadsheet job's answer columns ({@code {{name}}})
     * @param origins where each key was set, named beside it ({@code file:line})
     */
    static void check(StructType schema, Map<String, List<String>> required,
                      List<String> resultColumns, List<String> answers, KeyOrigins origins)
            throws InvalidInputException {
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> problems = new ArrayList<>();
        required.forEach((key, columns) -> {
            for (String c : columns) {
                if (!names.contains(c)) {
                    String meant = Spelling.nearest(c, names);
                    problems.add(origins.located(key) + ": column '" + c + "' is not in the input"
                            + (meant == null ? "" : "; did you mean '" + meant + "'?")
                            + " (columns: " + String.join(", ", names) + ")");
                }
            }
        });
        for (String c : names) {
            if (answers.contains(c)) {
                problems.add("answers." + c + ": an input column has this name too, so {{" + c
                        + "}} would be ambiguous; rename the answer");
            }
            if (resultColumns.contains(c)) {
                problems.add("input column '" + c + "' has the name of a result column; set"
                        + " output.column-prefix (e.g. \"gem_\") to keep both");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * Checks that each column named under a job key has the type that key needs.
     *
     * @param expected by job key (e.g. "prompt.parts[0].inline-column"): the column and its type
     */
    static void checkTypes(StructType schema, Map<String, StructField> expected)
            throws InvalidInputException {
        List<String> problems = new ArrayList<>();
        expected.forEach((key, field) -> {
            for (StructField actual : schema.fields()) {
                if (actual.name().equals(field.name())
                        && !actual.dataType().equals(field.dataType())) {
                    problems.add(key + ": column '" + field.name() + "' is "
                            + actual.dataType().simpleString() + ", expected "
                            + field.dataType().simpleString() + typeHint(key));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static String typeHint(String key) {
        return key.endsWith(".inline-column") ? " (Parquet binary; CSV and JSON input have no"
                + " binary columns: name files with file-column instead)" : "";
    }

    /**
     * Checks that {@code idColumn} holds a unique, non-null key in every row (one pass over the
     * input, before anything is sent): a repeated or missing key is a job error naming examples.
     * Returns the number of rows, which the same pass counts.
     */
    public static long checkUnique(Dataset<Row> rows, String idColumn)
            throws InvalidInputException {
        UniqueIds.Checked checked = UniqueIds.check(rows, idColumn);
        if (!checked.problems().isEmpty()) {
            throw new InvalidInputException(checked.problems());
        }
        return checked.rows();
    }
}
