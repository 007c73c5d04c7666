package dev.gembatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDocumentationTest {
    private static final Path DOC = Path.of("docs", "CONFIG.md");

    @TempDir
    Path dir;

    @Test
    void everyReferenceKeyHasACommentAndARowInConfigMd() throws Exception {
        Config reference = ConfigFactory.parseResources("reference.conf");
        String doc = Files.readString(DOC);
        List<String> undocumented = new ArrayList<>();
        List<Map.Entry<String, ConfigValue>> leaves = leaves(reference.root(), "");
        assertTrue(leaves.size() > 50, "reference.conf keys: " + leaves.size());
        for (Map.Entry<String, ConfigValue> leaf : leaves) {
            if (leaf.getValue().origin().comments().isEmpty()) {
                undocumented.add(leaf.getKey() + " has no comment in reference.conf");
            }
            if (!doc.contains("| `" + leaf.getKey() + "` |")) {
                undocumented.add(leaf.getKey() + " has no row in docs/CONFIG.md");
            }
        }
        assertEquals(List.of(), undocumented);
    }

    @Test
    void theExampleOfConfigMdIsAValidJob() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```hocon\n") + "```hocon\n".length();
        Path job = Files.writeString(dir.resolve("example.conf"),
                doc.substring(start, doc.indexOf("```", start)));
        JobSettings s = JobConfig.load(job, null, List.of(), JobFiles.ENV);
        assertEquals(0, s.model().generation().thinkingBudget());
        assertTrue(s.prompt().template().contains("{{review_text}}"));
    }

    /**
     * The example error of CONFIG.md is what the loader says for the mistakes it lists: a job
     * file {@code jobs/reviews.conf} with the temperature on line 9 and the misspelt key on line
     * 14, and a bad {@code --set output.mode}.
     */
    @Test
    void theExampleErrorOfConfigMdIsWhatTheLoaderPrints() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```\nInvalid job configuration") + "```\n".length();
        String shown = doc.substring(start, doc.indexOf("```", start)).strip();
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path job = Files.writeString(jobs.resolve("reviews.conf"), String.join("\n",
                "input.path = \"reviews.csv\"", "output.path = \"out\"",
                "prompt.template = \"Review: {{text}}\"", "", "", "", "", "model {",
                "  generation.temperature = 3", "  name = \"gemini-2.5-flash\"", "}", "",
                "gemini {", "  concurency = 4",
                "}", ""));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of("output.mode=replace"), JobFiles.ENV));
        assertEquals(shown, e.getMessage().replace(dir + "/", ""));
    }

    /** Leaves by dotted path; free-form objects ({@code {}}) count as one leaf. */
    private static List<Map.Entry<String, ConfigValue>> leaves(ConfigObject object, String prefix) {
        List<Map.Entry<String, ConfigValue>> leaves = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = prefix + ConfigUtil.quoteString(e.getKey()).replace("\"", "");
            if (e.getValue() instanceof ConfigObject child && !child.isEmpty()) {
                leaves.addAll(leaves(child, path + "."));
            } else {
                leaves.add(Map.entry(path, e.getValue()));
            }
        }
        return leaves;
    }
}
