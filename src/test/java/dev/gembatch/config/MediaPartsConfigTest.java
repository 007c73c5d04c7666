package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** prompt.parts and prompt.max-inline-bytes: what loads, and every mistake named with its key. */
class MediaPartsConfigTest {
    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    @Test
    void partsLoadInOrderWithTheirMimeTypeSourceAndOptionalFlag() throws Exception {
        Path file = jobs.write(JobFiles.VALID + "prompt.parts = [\n"
                + "  {inline-column = photo, mime-type = \" Image/JPEG \"}\n"
                + "  {file-column = scan, mime-type-column = scan_type, optional = true}\n"
                + "  {file-column = audio}\n"
                + "  {uri-column = doc, mime-type = application/pdf}\n]\n"
                + "prompt.max-inline-bytes = 4MiB\n");
        PromptSettings p = JobConfig.load(file, null, List.of(), JobFiles.ENV).prompt();
        assertEquals(List.of(
                new MediaPart(MediaPart.Source.INLINE, "photo", "image/jpeg", null, false),
                new MediaPart(MediaPart.Source.FILE, "scan", null, "scan_type", true),
                new MediaPart(MediaPart.Source.FILE, "audio", null, null, false),
                new MediaPart(MediaPart.Source.URI, "doc", "application/pdf", null, false)),
                p.parts());
        assertEquals(4L << 20, p.maxInlineBytes());
        assertEquals(Map.of("prompt.parts[0].inline-column", "photo",
                "prompt.parts[1].file-column", "scan", "prompt.parts[1].mime-type-column",
                "scan_type", "prompt.parts[2].file-column", "audio",
                "prompt.parts[3].uri-column", "doc"), p.partColumns());
    }

    @Test
    void aPartNeedsExactlyOneSource() {
        List<String> problems = jobs.problems("prompt.parts = [\n"
                + "  {inline-column = a, file-column = b, mime-type = image/png}\n"
                + "  {mime-type = image/png}\n]\n");
        assertProblem(problems, "prompt.parts[0] " + jobs.at(6),
                "set exactly one of inline-column, file-column and uri-column; 2 are set");
        assertProblem(problems, "prompt.parts[1] " + jobs.at(7), "none is set");
    }

    @Test
    void inlineAndUriPartsNeedAMimeTypeAndNoPartTakesTwo() {
        List<String> problems = jobs.problems("prompt.parts = [\n"
                + "  {inline-column = a}\n"
                + "  {uri-column = u, mime-type = image/png, mime-type-column = t}\n]\n");
        assertProblem(problems, "prompt.parts[0] ", "set mime-type or mime-type-column");
        assertProblem(problems, "prompt.parts[1] ",
                "set at most one of mime-type and mime-type-column; both are set");
        assertEquals(2, problems.size(), problems.toString());
    }

    @Test
    void badValuesAndUnknownKeysAreNamedByTheirPath() {
        List<String> problems = jobs.problems("prompt.parts = [\n"
                + "  {file-column = \" \", mime-type = jpeg, optional = maybe, size = 3}\n]\n"
                + "prompt.max-inline-bytes = 0\n");
        assertProblem(problems, "prompt.parts[0].file-column ", "must be a column name");
        assertProblem(problems, "prompt.parts[0].mime-type ",
                "must be a MIME type such as image/jpeg or application/pdf; got \"jpeg\"");
        assertProblem(problems, "prompt.parts[0].optional ", "must be a boolean");
        assertProblem(problems, "prompt.parts[0].size ", "unknown key; a part has");
        assertProblem(problems, "prompt.max-inline-bytes ", "must be between 1 and 536870912");
        assertEquals(5, problems.size(), problems.toString());
    }

    @Test
    void partsMustBeAListOfObjects() {
        assertProblem(jobs.problems("prompt.parts = photo\n"), "prompt.parts ",
                "must be a list of part objects");
    }

    @Test
    void maxInlineBytesMustBeASize() {
        assertProblem(jobs.problems("prompt.max-inline-bytes = lots\n"),
                "prompt.max-inline-bytes ", "must be a size such as 512KiB or 20MiB");
    }
}
