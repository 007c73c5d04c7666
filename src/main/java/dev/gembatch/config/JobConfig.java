package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import dev.gembatch.model.ApiKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads a job file over reference.conf (and optional site overrides), applies {@code --set}
 * overrides, validates everything at once and returns immutable, serializable settings. Runs on
 * the driver only; executors get the settings, never a Config.
 */
public final class JobConfig {
    private static final Config REFERENCE = ConfigFactory.parseResources(JobConfig.class,
            "/reference.conf", ConfigParseOptions.defaults().setAllowMissing(false));
    private static final KnownKeys KNOWN_KEYS = new KnownKeys(REFERENCE);

    private JobConfig() {
    }

    /**
     * Layers reference.conf, then {@code siteConf} (null for none), then the job file, then the
     * overrides, resolves substitutions such as {@code ${?GEMINI_API_KEY}} against {@code env},
     * and reads every setting.
     *
     * @param overrides "key=value" strings from {@code --set}, in command-line order
     * @param env the environment ({@code System.getenv()} in production)
     * @throws InvalidConfigException listing every problem found
     */
    public static JobSettings load(Path jobFile, Path siteConf, List<String> overrides,
                                   Map<String, String> env) throws InvalidConfigException {
        Problems problems = new Problems(jobFile.toString());
        Config site = siteConf == null ? ConfigFactory.empty() : parseFile(siteConf, problems);
        Config job = parseFile(jobFile, problems);
        return settings(site, job, overrides, env, problems, false);
    }

    /**
     * Settings for answering a Dataset (the library entry point): {@code hocon} is a job's text
     * without its input and output paths ({@code input.path} and {@code output.path} are not
     * needed, and not used), layered over reference.conf, with the same overrides and checks as
     * {@link #load}.
     *
     * @throws InvalidConfigException listing every problem found
     */
    public static JobSettings parse(String hocon, List<String> overrides, Map<String, String> env)
            throws InvalidConfigException {
        Problems problems = new Problems("the settings text");
        Config job;
        try {
            job = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults()
                    .setOriginDescription("settings").setSyntax(ConfigSyntax.CONF));
            KNOWN_KEYS.check(job, problems);
        } catch (ConfigException e) {
            problems.general("cannot read the settings: " + e.getMessage());
            job = null;
        }
        return settings(ConfigFactory.empty(), job, overrides, env, problems, true);
    }

    private static JobSettings settings(Config site, Config job, List<String> overrides,
                                        Map<String, String> env, Problems problems,
                                        boolean dataset) throws InvalidConfigException {
        Config sets = Overrides.parse(overrides, problems);
        KNOWN_KEYS.check(sets, problems);
        if (site == null || job == null) {
            problems.throwIfAny(ApiKey.of(""));
        }
        Config resolved = resolve(sets.withFallback(job).withFallback(site)
                .withFallback(REFERENCE), env, problems);
        if (resolved == null) {
            problems.throwIfAny(ApiKey.of(""));
        }
        Reader reader = new Reader(resolved, problems);
        JobSettings settings = read(reader, dataset, KeyOrigins.of(resolved));
        problems.throwIfAny(GeminiSection.configuredKey(reader), settings);
        return settings;
    }

    private static JobSettings read(Reader r, boolean dataset, KeyOrigins origins) {
        OutputSettings output = OutputSection.output(r, dataset);
        List<AnswerColumn> answers = answers(r, output);
        return new JobSettings(IoSections.input(r, dataset), output,
                GeminiSection.gemini(r, Version.userAgent()),
                GeminiSection.useEmulator(r), GeminiSection.emulator(r), IoSections.spark(r),
                PlanningSections.budget(r), PlanningSections.pricing(r),
                PlanningSections.dryRun(r), ReportSection.report(r), IoSections.journal(r),
                StoreSection.store(r), answers, origins);
    }

    /** The named answer columns, or the one answer of a plain job. */
    private static List<AnswerColumn> answers(Reader r, OutputSettings output) {
        String prefix = output.columnPrefix() == null ? "" : output.columnPrefix();
        if (AnswersSection.present(r)) {
            return AnswersSection.read(r, KNOWN_KEYS, prefix);
        }
        return List.of(new AnswerColumn(null, prefix, IoSections.prompt(r), ModelSection.model(r),
                List.of()));
    }

    private static Config parseFile(Path file, Problems problems) {
        try {
            Config layer = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults()
                    .setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
            KNOWN_KEYS.check(layer, problems);
            return layer;
        } catch (ConfigException e) {
            problems.general("cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    private static Config resolve(Config merged, Map<String, String> env, Problems problems) {
        Config environment = ConfigValueFactory.fromMap(env, "environment").toConfig();
        try {
            return merged.withFallback(environment).resolve(ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            problems.general(e.getMessage());
            return null;
        }
    }
}
