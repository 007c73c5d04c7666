package dev.gembatch.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void placeholdersAreReplacedByColumnValues() {
        Template t = Template.parse("Classify: {{review}} (product {{ product }})");
        assertEquals(List.of("review", "product"), t.columns());
        assertEquals("Classify: good (product kettle)",
                t.render(Map.of("review", "good", "product", "kettle")::get));
    }

    @Test
    void valueContainingPlaceholderSyntaxIsInsertedLiterallyNotReExpanded() {
        Template t = Template.parse("Q: {{a}} / {{b}}");
        assertEquals("Q: say {{b}} / B", t.render(Map.of("a", "say {{b}}", "b", "B")::get));
    }

    @Test
    void adjacentPlaceholdersAndRepeatsRenderInOrder() {
        Template t = Template.parse("{{a}}{{b}}{{a}}");
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals("xyx", t.render(Map.of("a", "x", "b", "y")::get));
    }

    @Test
    void unicodeInTemplateNamesAndValuesIsKept() {
        Template t = Template.parse("Résumé 📄: {{texte_été}} ✓");
        assertEquals(List.of("texte_été"), t.columns());
        assertEquals("Résumé 📄: 日本語 🎉 ✓",
                t.render(Map.of("texte_été", "日本語 🎉")::get));
    }

    @Test
    void nullValueRendersAsEmptyWhenAnotherPlaceholderHasText() {
        Map<String, String> row = new HashMap<>();
        row.put("a", null);
        row.put("b", "B");
        assertEquals("[][B]", Template.parse("[{{a}}][{{b}}]").render(row::get));
    }

    @Test
    void everyPlaceholderNullOrBlankMeansTheRowHasNoPrompt() {
        Map<String, String> row = new HashMap<>();
        row.put("a", null);
        row.put("b", " \n\t");
        assertNull(Template.parse("Summarise: {{a}} {{b}}").render(row::get));
    }

    @Test
    void templateWithoutPlaceholdersAlwaysRendersItsText() {
        Template t = Template.parse("Say hi. Single braces { } and }} stay.");
        assertEquals(List.of(), t.columns());
        assertEquals("Say hi. Single braces { } and }} stay.", t.render(name -> null));
    }

    @Test
    void unclosedPlaceholderIsAnErrorNamingLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.parse("line one\nClassify {{review"));
        assertEquals("unclosed {{ at line 2, column 10", e.getMessage());
    }

    @Test
    void placeholderBrokenByLineOrBraceIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.parse("{{review\n}}"));
        assertTrue(e.getMessage().contains("line 1, column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Template.parse("{{a {{b}}"));
    }

    @Test
    void emptyPlaceholderIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.parse("x {{  }}"));
        assertEquals("empty placeholder {{}} at line 1, column 3", e.getMessage());
    }

    @Test
    void templateSurvivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(Template.parse("A {{x}} B"));
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            Template back = (Template) in.readObject();
            assertEquals("A 1 B", back.render(Map.of("x", "1")::get));
        }
    }
}
