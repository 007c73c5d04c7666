package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextGridTest {

    @Test
    void wrappedLinesNeverPassTheColumnWidthAndKeepEveryWord() {
        String text = "Emulated answer to «Review: Boils fast»: ünïcödé 日本語 smörgåsbord 🚀 "
                + "a-very-long-word-that-does-not-fit-anywhere-at-all 東京 👩‍💻 end";
        List<String> lines = TextGrid.wrap(text, 12);
        lines.forEach(l -> assertTrue(DisplayWidth.of(l) <= 12, l));
        assertEquals(text.replace(" ", ""), String.join("", lines).replace(" ", ""));
    }

    @Test
    void wideCharactersTakeTwoColumnsAndJoinersNone() {
        assertEquals(6, DisplayWidth.of("日本語"));
        assertEquals(2, DisplayWidth.of("🚀"));
        assertEquals(4, DisplayWidth.of("👩‍💻"), "two wide emoji joined by U+200D");
        assertEquals(7, DisplayWidth.of("naïveté"));
    }

    @Test
    void everyLineOfARowHasTheGridsWidth() {
        TextGrid grid = new TextGrid(new int[] {3, 10});
        String row = grid.row(List.of("1", "数据 データ 東京 café"));
        row.lines().forEach(l -> assertEquals(grid.rule().strip().length(), DisplayWidth.of(l),
                l));
        assertEquals(3, row.lines().count(), row);
    }

    @Test
    void theTerminalWidthComesFromColumnsOrDefaultsToOneHundred() {
        assertEquals(132, PreviewTable.terminalWidth("132"));
        assertEquals(100, PreviewTable.terminalWidth(null));
        assertEquals(100, PreviewTable.terminalWidth("wide"));
        assertEquals(100, PreviewTable.terminalWidth("20"));
    }
}
