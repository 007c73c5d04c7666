package dev.gembatch.job;

import dev.gembatch.pipeline.PartitionAnswerer;
import dev.gembatch.pipeline.SystemicFailureException;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.spark.TaskKilledException;

/**
 * Keeps Spark's task-failure stack traces of a gembatch abort off the console of
 * {@code jobs/run} ({@code conf/log4j2.properties}): when the failure budget aborts a run,
 * or a graceful stop hands a task back to Spark, the executor and the scheduler log the same
 * failure with its whole trace several times, while the command line already says what happened
 * in one line. Every other event passes.
 */
@Plugin(name = "GembatchQuietAbort", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE)
public final class QuietAbortFilter extends AbstractFilter {
    private QuietAbortFilter(Result onMatch, Result onMismatch) {
        super(onMatch, onMismatch);
    }

    /**
     * The filter, as log4j builds it from a configuration: an abort's copies get
     * {@code onMatch} (DENY unless set), every other event {@code onMismatch} (NEUTRAL).
     */
    @PluginFactory
    public static QuietAbortFilter create(@PluginAttribute("onMatch") Result onMatch,
                                          @PluginAttribute("onMismatch") Result onMismatch) {
        return new QuietAbortFilter(onMatch == null ? Result.DENY : onMatch,
                onMismatch == null ? Result.NEUTRAL : onMismatch);
    }

    @Override
    public Result filter(LogEvent event) {
        return isAbortNoise(event) ? onMatch : onMismatch;
    }

    private static boolean isAbortNoise(LogEvent event) {
        String message = event.getMessage() == null ? ""
                : event.getMessage().getFormattedMessage();
        if (message.contains(SystemicFailureException.MARKER) || message.contains(PartitionAnswerer.STOPPED)) {
            return true;
        }
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            if (t instanceof SystemicFailureException || t instanceof TaskKilledException killed
                    && String.valueOf(killed.reason()).startsWith(PartitionAnswerer.STOPPED)) {
                return true;
            }
        }
        return false;
    }
}
