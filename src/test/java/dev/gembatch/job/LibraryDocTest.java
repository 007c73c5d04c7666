package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java program and the Scala notebook cell of docs/LIBRARY.md compile against the library
 * as it is, so the page cannot drift from the API.
 */
class LibraryDocTest {
    private static final Path PAGE = Path.of("docs", "LIBRARY.md");

    @TempDir
    Path tmp;

    @Test
    void theJavaProgramOfTheLibraryPageCompiles() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src")).resolve("LabelReviews.java");
        Files.writeString(source, snippet("java"), StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-classpath", classPath(), "-d",
                Files.createDirectories(tmp.resolve("classes")).toString(), source.toString());
        assertEquals(0, code, "javac failed on the Java program of " + PAGE);
        assertTrue(Files.exists(tmp.resolve("classes/LabelReviews.class")));
    }

    @Test
    void theScalaNotebookCellOfTheLibraryPageCompiles() throws Exception {
        Path source = tmp.resolve("NotebookCell.scala");
        Files.writeString(source, String.join("\n",
                "import org.apache.spark.sql.{DataFrame, SparkSession}",
                "object NotebookCell {",
                "  def run(spark: SparkSession, reviews: DataFrame): Unit = {",
                snippet("scala"),
                "  }",
                "}"), StandardCharsets.UTF_8);
        Path out = Files.createDirectories(tmp.resolve("scala-classes"));
        boolean compiled = scala.tools.nsc.Main$.MODULE$.process(new String[] {
            "-classpath", classPath(), "-d", out.toString(), source.toString()});
        assertTrue(compiled, "scalac failed on the notebook cell of " + PAGE);
        assertTrue(Files.exists(out.resolve("NotebookCell$.class")));
    }

    /** The one fenced block of {@code language} on the page. */
    private static String snippet(String language) throws Exception {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(PAGE, StandardCharsets.UTF_8));
        assertTrue(m.find(), "no ```" + language + " block in " + PAGE);
        String block = m.group(1);
        assertTrue(!m.find(), "more than one ```" + language + " block in " + PAGE);
        return block;
    }

    /** The test class path (surefire runs tests from a manifest-only jar). */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
    }
}
