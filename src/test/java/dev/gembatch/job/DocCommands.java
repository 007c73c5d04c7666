package dev.gembatch.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The command lines shown in README.md and docs/*.md, read the way a user copies them: every
 * line of a fenced shell block ({@code bash}, {@code sh}, or an unlabelled block whose line
 * starts with {@code $ }) that calls {@code jobs/...}, {@code spark-submit} or {@code java}, with
 * {@code \} continuations joined. Its output is what the page shows beside it: the lines after
 * a {@code $ } line in the same block, or an unlabelled block that comes next on the page with
 * only prose between. A command that cannot run on a laptop carries a comment starting
 * {@code # needs } (a Gemini key, a Spark cluster), which the tests check is true.
 */
record DocCommands(List<Command> commands) {
    private static final Pattern FENCE =
            Pattern.compile("(?m)^([ ]*)```(\\w*)\\n(.*?)^\\1```", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("^(jobs/\\S+|spark-submit|java)\\b.*");
    private static final String MARKER = "# needs ";

    /** One command line of a page; {@code output} is null when the page shows none. */
    record Command(String page, int line, List<String> words, String needs, String output) {
        String where() {
            return page + ":" + line;
        }

        boolean marked() {
            return needs != null;
        }
    }

    /** The pages: README.md, then docs/*.md by name. */
    static List<Path> pages() {
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every command of every page, in page order. */
    static DocCommands read() {
        List<Command> all = new ArrayList<>();
        for (Path page : pages()) {
            all.addAll(commandsOf(page));
        }
        return new DocCommands(List.copyOf(all));
    }

    static String text(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Command> commandsOf(Path page) {
        String text = text(page);
        List<Command> found = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        List<Command> pending = List.of();
        while (m.find()) {
            String language = m.group(2);
            int line = text.substring(0, m.start()).split("\n", -1).length + 1;
            String body = m.group(3).stripIndent();
            if (language.isEmpty() && pending.size() == 1 && !body.startsWith("$ ")) {
                Command c = pending.get(0);
                found.set(found.size() - 1, new Command(c.page(), c.line(), c.words(),
                        c.needs(), body));
            }
            pending = language.equals("bash") || language.equals("sh")
                    ? shellBlock(page.toString(), line, body)
                    : language.isEmpty() && body.startsWith("$ ")
                            ? List.of(promptBlock(page.toString(), line, body)) : List.of();
            found.addAll(pending);
            if (language.isEmpty() && body.startsWith("$ ")) {
                pending = List.of();
            }
        }
        return found;
    }

    private static List<Command> shellBlock(String page, int firstLine, String body) {
        List<Command> commands = new ArrayList<>();
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            int at = firstLine + 1 + i;
            StringBuilder joined = new StringBuilder(lines[i].strip());
            while (joined.toString().endsWith("\\") && i + 1 < lines.length) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(lines[++i].strip());
            }
            if (CALL.matcher(joined).matches()) {
                commands.add(command(page, at, joined.toString(), null));
            }
        }
        return commands;
    }

    private static Command promptBlock(String page, int firstLine, String body) {
        int end = body.indexOf('\n');
        String first = body.substring(2, end < 0 ? body.length() : end);
        return command(page, firstLine + 1, first, end < 0 ? "" : body.substring(end + 1));
    }

    private static Command command(String page, int line, String text, String output) {
        int comment = commentStart(text);
        String needs = comment >= 0 && text.startsWith(MARKER, comment)
                ? text.substring(comment + MARKER.length()).strip() : null;
        return new Command(page, line, words(comment < 0 ? text : text.substring(0, comment)),
                needs, output);
    }

    /** Where a shell comment starts ({@code #} after a blank, outside quotes), or -1. */
    private static int commentStart(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && i > 0 && text.charAt(i - 1) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The shell words of a line: blanks split, quotes group and are removed. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.strip().toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }
}
