package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Assertions;

import dev.gembatch.config.InvalidConfigException;
import dev.gembatch.config.JobConfig;
import dev.gembatch.config.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command line of README.md and docs/*.md works as shown (the rule is
 * {@link DocCommands}): each {@code jobs/run} line runs in-process through {@link Main}, as the
 * launcher runs it (with {@code conf/gembatch.conf}, the output moved to a temporary folder),
 * in page order (so {@code --resume} follows the run it resumes), and exits 0; the output the
 * page shows beside it is what the program prints, timings, ports and table widths aside. A
 * line that needs Google or a cluster says so ({@code # needs ...}), and only such a line may.
 * Benchmark lines ({@code jobs/bench*}, minutes each, outside {@code mvn verify}) name a script
 * and a sub-command that exist. Every job file and sample input the pages name exists, and job
 * files load.
 */
class DocCommandsTest extends SparkTestBase {
    private static final Path SITE = Path.of("conf", "gembatch.conf");
    private static final Map<String, String> ENV = Map.of();

    @TempDir
    Path tmp;

    @Test
    void everyJobsRunLineOfTheDocsRunsAndPrintsWhatThePageShows() throws Exception {
        List<String> wrong = new ArrayList<>();
        int ran = 0;
        int compared = 0;
        for (DocCommands.Command c : DocCommands.read().commands()) {
            if (c.marked() || !c.words().get(0).equals("jobs/run")) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("--site-conf", SITE.toString()));
            args.addAll(c.words().subList(1, c.words().size()));
            JobSettings job = JobConfig.load(jobFile(c), SITE, sets(c), ENV);
            Path out = tmp.resolve(jobFile(c).getFileName().toString());
            args.addAll(List.of("--set", "output.path=\"" + out + "\""));
            JobFixture.Run run = JobFixture.main(args.toArray(String[]::new));
            ran++;
            if (run.exitCode() != 0) {
                wrong.add(c.where() + " exited " + run.exitCode() + ":\n" + run.err());
            } else if (c.output() != null) {
                compared++;
                String printed = run.out().replace(out.toString(), job.output().path());
                String shown = normal(c.output());
                if (!normal(printed).endsWith(shown)) {
                    wrong.add(c.where() + " shows\n" + c.output() + "\nbut the program printed\n"
                            + printed);
                }
            }
        }
        assertEquals(List.of(), wrong);
        Assertions.assertTrue(ran >= 6 && compared >= 4, ran + " run, " + compared + " compared");
    }

    @Test
    void onlyLinesThatNeedGoogleOrAClusterAreMarkedAndEachSuchLineIs() {
        List<String> wrong = new ArrayList<>();
        for (DocCommands.Command c : DocCommands.read().commands()) {
            boolean needsMore = needsMoreThanALaptop(c);
            if (needsMore && !c.marked()) {
                wrong.add(c.where() + " needs Google or a cluster but has no '# needs ...'");
            } else if (!needsMore && c.marked()) {
                wrong.add(c.where() + " is marked '# needs " + c.needs() + "' but runs here");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyBenchmarkLineNamesAScriptAndASubcommandThatExist() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (DocCommands.Command c : DocCommands.read().commands()) {
            String script = c.words().get(0);
            if (!script.startsWith("jobs/bench")) {
                continue;
            }
            checked++;
            Path file = Path.of(script);
            if (!Files.isExecutable(file)) {
                wrong.add(c.where() + ": " + script + " is not an executable script");
            } else if (script.equals("jobs/bench") && !DocCommands.text(file)
                    .contains("\n  " + c.words().get(1) + ")")) {
                wrong.add(c.where() + ": jobs/bench has no sub-command " + c.words().get(1));
            }
        }
        assertEquals(List.of(), wrong);
        Assertions.assertTrue(checked >= 5, "benchmark lines: " + checked);
    }

    @Test
    void everyJobFileAndSampleInputTheDocsNameExistsAndJobFilesLoad() {
        Pattern named = Pattern.compile("(jobs/samples|data-samples)/[\\w.-]+\\.\\w+");
        Set<String> paths = new LinkedHashSet<>();
        for (Path page : DocCommands.pages()) {
            Matcher m = named.matcher(DocCommands.text(page));
            while (m.find()) {
                paths.add(m.group());
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String p : paths) {
            if (!Files.isRegularFile(Path.of(p))) {
                wrong.add(p + " does not exist");
            } else if (p.endsWith(".conf")) {
                try {
                    JobConfig.load(Path.of(p), SITE, List.of(), ENV);
                } catch (InvalidConfigException e) {
                    wrong.add(p + " does not load: " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), wrong);
        Assertions.assertTrue(paths.size() >= 6, "paths named: " + paths);
    }

    /** spark-submit, a job file not in the repository, or an endpoint that is not loopback. */
    private static boolean needsMoreThanALaptop(DocCommands.Command c) {
        String first = c.words().get(0);
        if (first.equals("spark-submit") || first.equals("java")) {
            return true;
        }
        if (!first.equals("jobs/run")) {
            return false;
        }
        return !Files.isRegularFile(jobFile(c)) || sets(c).stream().anyMatch(s ->
                s.startsWith("gemini.base-url=") && !s.contains("127.0.0.1")
                        && !s.contains("emulator"));
    }

    /** The command's job file: its one argument that is neither an option nor a value. */
    private static Path jobFile(DocCommands.Command c) {
        List<String> w = c.words();
        for (int i = 1; i < w.size(); i++) {
            String word = w.get(i);
            if (word.equals("--set") || word.equals("--preview") || word.equals("--site-conf")
                    || word.equals("--preview-output")) {
                i++;
            } else if (!word.startsWith("--")) {
                return Path.of(word);
            }
        }
        return Path.of("(none)");
    }

    private static List<String> sets(DocCommands.Command c) {
        List<String> sets = new ArrayList<>();
        List<String> w = c.words();
        for (int i = 1; i + 1 < w.size(); i++) {
            if (w.get(i).equals("--set")) {
                sets.add(w.get(++i));
            }
        }
        return sets;
    }

    /**
     * The text with what differs between runs masked: durations, latencies, the emulator's port,
     * then table widths (runs of dashes and blanks).
     */
    static String normal(String text) {
        StringBuilder all = new StringBuilder();
        for (String line : text.strip().split("\n")) {
            String l = line.startsWith("  latency ms:") ? line.replaceAll("\\d[\\d,]*", "#")
                    : line;
            l = l.replaceAll("\\b\\d[\\d,]*(\\.\\d+)? s\\b", "# s")
                    .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:#")
                    .replaceAll("\\|\\s*\\d[\\d,]*\\s*(?=\\|)", "| #")
                    .replaceAll("-+", "-").replaceAll(" +", " ").strip();
            all.append(l).append('\n');
        }
        return all.toString();
    }
}
