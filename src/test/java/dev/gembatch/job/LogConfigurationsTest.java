package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console log configurations shipped in conf/ (issue 13 item 8): jobs/run's, and the one for
 * spark-submit that README.md documents. Each loads, keeps gembatch's warnings (and its INFO),
 * drops Spark's INFO (~370 lines under spark-submit), and drops only Spark's "Broadcasting large
 * task binary" note from the DAGScheduler, whose other warnings still show.
 */
class LogConfigurationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"log4j2.properties", "log4j2-spark-submit.properties"})
    void theConfigurationLoadsKeepsGembatchAndQuietsSpark(String file) throws Exception {
        Configuration c = load(Path.of("conf", file));

        LoggerConfig gembatch = c.getLoggerConfig("dev.gembatch.job.Main");
        assertEquals("dev.gembatch", gembatch.getName());
        assertTrue(gembatch.getLevel().isLessSpecificThan(Level.WARN), "gembatch's WARN shows");
        assertTrue(gembatch.getLevel().isLessSpecificThan(Level.INFO), "and its INFO");
        LoggerConfig spark = c.getLoggerConfig("org.apache.spark.SparkContext");
        assertEquals(Level.WARN, spark.getLevel(), "Spark's INFO lines are dropped");
        for (String planStrings : List.of("org.apache.spark.sql.catalyst.util.SparkStringUtils",
                "org.apache.spark.util.SparkStringUtils")) { // Spark 3.5's, Spark 4's
            assertEquals(Level.ERROR, c.getLoggerConfig(planStrings).getLevel(),
                    "no warning that a plan's text was truncated: " + planStrings);
        }

        LoggerConfig dag = c.getLoggerConfig("org.apache.spark.scheduler.DAGScheduler");
        assertEquals(Filter.Result.DENY, dag.getFilter().filter(warning(
                "Broadcasting large task binary with size 1362.4 KiB")));
        assertEquals(Filter.Result.NEUTRAL, dag.getFilter().filter(warning(
                "Job 3 failed: save at OutputTarget.java:88")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"log4j2-spark-submit.properties"})
    void theSparkSubmitConfigurationNamesNoGembatchClassAndIsDocumented(String file)
            throws Exception {
        assertFalse(Files.readString(Path.of("conf", file)).contains("Gembatch"),
                "log4j reads it before the application jar is on the class path");
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("-Dlog4j2.configurationFile=conf/" + file), "README shows it");
    }

    private static Configuration load(Path conf) throws Exception {
        try (InputStream in = new FileInputStream(conf.toFile())) {
            Configuration c = new PropertiesConfigurationFactory().getConfiguration(
                    new LoggerContext("conf-check"), new ConfigurationSource(in, conf.toFile()));
            c.initialize();
            return c;
        }
    }

    private static Log4jLogEvent warning(String message) {
        return Log4jLogEvent.newBuilder().setLevel(Level.WARN)
                .setLoggerName("org.apache.spark.scheduler.DAGScheduler")
                .setMessage(new SimpleMessage(message)).build();
    }
}
