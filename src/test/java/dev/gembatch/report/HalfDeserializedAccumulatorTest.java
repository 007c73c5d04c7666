package dev.gembatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import sun.reflect.ReflectionFactory;

/**
 * Spark registers a task's copy of an accumulator while deserializing it, before the copy's own
 * fields are read, and the executor's heartbeat thread may read it in that moment. The
 * accumulators must answer then (an exception in the heartbeat thread ends every later
 * heartbeat, and the progress line with them). An instance made the way deserialization makes
 * it, with no constructor of a serializable class run, is that state.
 */
class HalfDeserializedAccumulatorTest {

    @Test
    void statsReadAsEmptyBeforeTheirFieldsAreSet() throws Exception {
        StatsAccumulator acc = halfDeserialized(StatsAccumulator.class);
        assertTrue(acc.isZero());
        assertTrue(acc.value().isEmpty());
        assertTrue(acc.copy().isZero());
        acc.add(new Answer(Status.OK, List.of(), null, null, null, null, null, 1, 5L, 10L, 1,
                Instant.EPOCH));
        assertTrue(!acc.isZero());
    }

    @Test
    void inputProblemsReadAsEmptyBeforeTheirFieldsAreSet() throws Exception {
        InputProblems acc = halfDeserialized(InputProblems.class);
        assertTrue(acc.isZero());
        assertEquals(List.of(), acc.value());
        assertTrue(acc.copy().isZero());
        acc.add("bad record");
        assertEquals(List.of("bad record"), acc.value());
    }

    private static <T> T halfDeserialized(Class<T> type) throws Exception {
        Constructor<?> none = ReflectionFactory.getReflectionFactory()
                .newConstructorForSerialization(type, Object.class.getDeclaredConstructor());
        return type.cast(none.newInstance());
    }
}
