package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.pipeline.PartitionAnswerer;
import dev.gembatch.pipeline.SystemicFailureException;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.filter.AbstractFilterable;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.spark.SparkException;
import org.apache.spark.TaskKilledException;
import org.junit.jupiter.api.Test;

/**
 * An abort prints one clear message and no stack trace (issue 13 item 4): the console of
 * {@code jobs/run} drops Spark's copies of a gembatch abort or graceful stop, and nothing else.
 */
class QuietAbortFilterTest {
    private final QuietAbortFilter filter = QuietAbortFilter.create(null, null);

    private static LogEvent event(String message, Throwable thrown) {
        return Log4jLogEvent.newBuilder().setLevel(Level.ERROR).setLoggerName("spark")
                .setMessage(new SimpleMessage(message)).setThrown(thrown).build();
    }

    @Test
    void sparksCopiesOfAnAbortStayOffTheConsole() {
        SystemicFailureException abort = new SystemicFailureException("404 NOT_FOUND: models/x");
        assertEquals(Filter.Result.DENY, filter.filter(event("Exception in task 0.0 in stage 1.0",
                abort)));
        assertEquals(Filter.Result.DENY, filter.filter(event("Lost task 0.0 (TID 1): "
                + abort + "\n\tat dev.gembatch.pipeline.FailureBudget.record", null)));
        assertEquals(Filter.Result.DENY, filter.filter(event("Job aborted",
                new SparkException("Job aborted due to stage failure", abort))));
        assertEquals(Filter.Result.DENY, filter.filter(event("Lost task",
                new TaskKilledException(PartitionAnswerer.STOPPED + "; 3 rows in flight"))));
    }

    @Test
    void everyOtherErrorStillReachesTheConsole() {
        assertEquals(Filter.Result.NEUTRAL, filter.filter(event("Exception in task 0.0",
                new OutOfMemoryError("Java heap space"))));
        assertEquals(Filter.Result.NEUTRAL, filter.filter(event("Task 0 failed 1 times", null)));
    }

    @Test
    void theLaunchersLogConfigurationPutsTheFilterOnTheConsole() throws Exception {
        Path conf = Path.of("conf", "log4j2.properties");
        try (InputStream in = new FileInputStream(conf.toFile())) {
            Configuration c = new PropertiesConfigurationFactory().getConfiguration(
                    new LoggerContext("conf-check"), new ConfigurationSource(in, conf.toFile()));
            c.initialize();
            AbstractFilterable console = (AbstractFilterable) c.getAppender("console");
            assertTrue(console.getFilter() instanceof QuietAbortFilter,
                    "console filter: " + console.getFilter());
        }
    }
}
