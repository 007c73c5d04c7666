package dev.gembatch.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields a settings builder has been given. A builder from a record's static
 * {@code builder()} starts with none, and {@link #check()} refuses to build until every field
 * is given: only reference.conf holds defaults, so a builder without a base makes none up. A
 * builder from {@code toBuilder()} gives every field at once.
 */
final class GivenFields {
    private final Class<? extends Record> type;
    private final List<String> names;
    private final Set<String> given = new HashSet<>();

    GivenFields(Class<? extends Record> type) {
        this.type = type;
        this.names = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .toList();
    }

    /** Records that {@code field} (a component of the record) has a value. */
    void add(String field) {
        if (!names.contains(field)) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no field " + field);
        }
        given.add(field);
    }

    /** Throws naming, in declaration order, every field never given. */
    void check() {
        List<String> missing = names.stream().filter(n -> !given.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + ".builder() has no defaults:"
                    + " set " + String.join(", ", missing)
                    + " (or start from toBuilder() of loaded settings)");
        }
    }
}
