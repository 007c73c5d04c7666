package dev.gembatch.input;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.PromptSettings;
import dev.gembatch.config.TemplateSyntax;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The input columns each job key reads, by its key in the job file (e.g. "prompt.template" →
 * [review_text], "answers.NAME.prompt.parts[0].file-column" → [path]): templates, prompt
 * column, system instruction, media parts and the id column. Earlier answers are not input
 * columns.
 */
final class RequiredColumns {
    private RequiredColumns() {
    }

    /** The input columns each job key reads. */
    static Map<String, List<String>> of(JobSettings job) {
        Map<String, List<String>> required = new LinkedHashMap<>();
        for (AnswerColumn a : job.answers()) {
            String key = a.keyPrefix() + "prompt.";
            PromptSettings p = a.prompt();
            if (p.template() != null) {
                required.put(key + "template", inputColumns(p.template(), a));
            } else {
                required.put(key + "column", List.of(p.column()));
            }
            if (p.systemInstruction() != null) {
                required.put(key + "system-instruction", inputColumns(p.systemInstruction(), a));
            }
            p.partColumns().forEach((part, column) -> required.put(a.keyPrefix() + part,
                    List.of(column)));
        }
        if (job.input().idColumn() != null) {
            required.put("input.id-column", List.of(job.input().idColumn()));
        }
        return required;
    }

    /** The template's placeholder names in order, without repeats, less the answers it reads. */
    private static List<String> inputColumns(String template, AnswerColumn a) {
        return TemplateSyntax.names(TemplateSyntax.split(template)).stream()
                .filter(c -> !a.reads().contains(c)).toList();
    }
}
