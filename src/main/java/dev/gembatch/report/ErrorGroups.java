package dev.gembatch.report;

import dev.gembatch.model.ErrorStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error messages by frequency, each with a few sample row keys. Bounded: at most
 * {@link #MAX_GROUPS} distinct messages are kept, further ones only add to {@link #others()}.
 * Messages are cut to {@link #MAX_MESSAGE} characters. Not thread-safe: its owner synchronises.
 */
final class ErrorGroups implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_GROUPS = 200;
    static final int MAX_MESSAGE = 300;
    static final int SAMPLE_KEYS = 3;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long others;

    /** One distinct (status, message) with its count and sample row keys. */
    record Group(String status, String message, long count, List<String> sampleKeys)
            implements Serializable {
    }

    void add(String status, String message, String key) {
        String m = message == null ? "" : message.length() > MAX_MESSAGE
                ? message.substring(0, MAX_MESSAGE) + "…" : message;
        add(new Group(status == null ? ErrorStatus.UNKNOWN.name() : status, m, 1,
                key == null ? List.of() : List.of(key)));
    }

    void merge(ErrorGroups other) {
        other.groups.values().forEach(this::add);
        others += other.others;
    }

    ErrorGroups copy() {
        ErrorGroups e = new ErrorGroups();
        e.merge(this);
        return e;
    }

    /** The most frequent groups first, at most {@code limit}. */
    List<Group> top(int limit) {
        return groups.values().stream()
                .sorted(Comparator.comparingLong(Group::count).reversed()
                        .thenComparing(Group::status).thenComparing(Group::message))
                .limit(limit).toList();
    }

    /** Errors whose message was not kept because the table was full. */
    long others() {
        return others;
    }

    private void add(Group g) {
        String id = g.status() + "\u0000" + g.message();
        Group old = groups.get(id);
        if (old == null && groups.size() >= MAX_GROUPS) {
            others += g.count();
            return;
        }
        if (old == null) {
            groups.put(id, g);
            return;
        }
        List<String> keys = new ArrayList<>(old.sampleKeys());
        for (String k : g.sampleKeys()) {
            if (keys.size() < SAMPLE_KEYS && !keys.contains(k)) {
                keys.add(k);
            }
        }
        groups.put(id, new Group(old.status(), old.message(), old.count() + g.count(),
                List.copyOf(keys)));
    }
}
