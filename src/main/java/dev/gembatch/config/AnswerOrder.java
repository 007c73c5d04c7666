package dev.gembatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders answer columns so each runs after the answers it reads (ties by name, so the order is
 * the same on every run); a cycle is a problem naming it.
 */
final class AnswerOrder {
    private AnswerOrder() {
    }

    static List<AnswerColumn> of(Map<String, AnswerColumn> columns, Problems problems) {
        Map<String, AnswerColumn> pending = new TreeMap<>(columns);
        List<AnswerColumn> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            AnswerColumn ready = pending.values().stream()
                    .filter(c -> c.reads().stream().noneMatch(pending::containsKey))
                    .findFirst().orElse(null);
            if (ready == null) {
                problems.general("answers: " + cycle(pending) + " read each other in a cycle;"
                        + " an answer can only read answers that do not read it");
                return ordered;
            }
            ordered.add(ready);
            pending.remove(ready.name());
        }
        return ordered;
    }

    /** One cycle among the pending answers, as "a → b → a". */
    private static String cycle(Map<String, AnswerColumn> pending) {
        List<String> path = new ArrayList<>();
        String current = pending.keySet().iterator().next();
        while (!path.contains(current)) {
            path.add(current);
            current = pending.get(current).reads().stream().filter(pending::containsKey)
                    .findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        loop.add(current);
        return String.join(" → ", loop);
    }
}
