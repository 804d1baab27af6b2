package io.imagecast.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command blocks of the root README marked {@code <!-- walkthrough ... -->}, read as a reader would
 * type them: backslash continuations joined, trailing comments dropped, quotes honoured. A comment line
 * directly under a command (no blank line between) is that command's output, where {@code <id>} stands for
 * a session id.
 */
final class ReadmeWalkthrough {
    static final String MARKER = "<!-- walkthrough";
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** One command line: its words after {@code ./imagecast}, a {@code > file} redirect, the output it shows. */
    record Command(String line, List<String> words, String redirect, List<String> output) {
        Command withWords(List<String> replaced) {
            return new Command(line, replaced, redirect, output);
        }

        /** Whether an output line of the README (with {@code <id>} as any session id) is in the given text. */
        static Pattern outputPattern(String shown) {
            StringBuilder regex = new StringBuilder();
            String[] parts = shown.split("<id>", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(Pattern.quote(parts[i]));
                if (i < parts.length - 1) {
                    regex.append("(").append(UUID.pattern()).append(")");
                }
            }
            return Pattern.compile("(?m)^" + regex + "$");
        }
    }

    private ReadmeWalkthrough() {}

    static List<List<Command>> blocks(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        List<List<Command>> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(MARKER)) {
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
                throw new IllegalStateException("README line " + (i + 1) + ": the walkthrough marker is not"
                        + " directly above a fenced block");
            }
            int end = i + 2;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            blocks.add(commands(lines.subList(i + 2, end)));
            i = end;
        }
        return blocks;
    }

    static List<Command> commands(List<String> block) {
        List<String> logical = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : block) {
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.add(pending.append(line).toString());
            pending.setLength(0);
        }
        List<Command> commands = new ArrayList<>();
        Command last = null;
        for (String line : logical) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                last = null;
            } else if (trimmed.startsWith("#")) {
                if (last != null) {
                    last.output().add(trimmed.substring(1).strip());
                }
            } else {
                last = parse(trimmed);
                commands.add(last);
            }
        }
        return commands;
    }

    /** Splits a shell line: words, "double" and 'single' quotes, a trailing "# comment" and "> file". */
    static Command parse(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '<' && line.indexOf('>', i) > i) {
                // a placeholder such as <id>, not a redirect
                int close = line.indexOf('>', i);
                word = word == null ? new StringBuilder() : word;
                word.append(line, i, close + 1);
                i = close;
            } else if (Character.isWhitespace(c) || c == '>') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (c == '>') {
                    words.add(">");
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in README command: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        String redirect = null;
        int arrow = words.indexOf(">");
        if (arrow >= 0) {
            if (arrow != words.size() - 2) {
                throw new IllegalArgumentException("a redirect must end the command: " + line);
            }
            redirect = words.get(arrow + 1);
            words = words.subList(0, arrow);
        }
        if (words.isEmpty() || !words.get(0).equals("./imagecast")) {
            throw new IllegalArgumentException("not an ./imagecast command: " + line);
        }
        return new Command(line, List.copyOf(words.subList(1, words.size())), redirect, new ArrayList<>());
    }

    /** The words with each placeholder replaced wherever it occurs. */
    static List<String> substitute(List<String> words, Map<String, String> values) {
        List<String> replaced = new ArrayList<>();
        for (String word : words) {
            for (Map.Entry<String, String> value : values.entrySet()) {
                word = word.replace(value.getKey(), value.getValue());
            }
            replaced.add(word);
        }
        return replaced;
    }

    /** The first session id in the output where the README shows {@code <id>}, or null. */
    static String idShown(String shown, String output) {
        Matcher matcher = Command.outputPattern(shown).matcher(output);
        return matcher.find() && matcher.groupCount() > 0 ? matcher.group(1) : null;
    }
}
