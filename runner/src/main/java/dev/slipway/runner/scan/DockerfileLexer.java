package dev.slipway.runner.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Dockerfile text into logical instructions the way BuildKit's parser does: a UTF-8 BOM is dropped, parser
 * directives ({@code # escape=`}) are read only at the top, comment lines are skipped (also inside a continuation),
 * an escape character at the end of a line continues the instruction on the next one, and heredoc bodies
 * ({@code RUN <<EOF} … {@code EOF}) are skipped so that a line in them that looks like {@code FROM} is not taken for
 * one. acb read the file line by line with none of this (no continuations, no heredocs, no escape directive).
 */
final class DockerfileLexer {

    /** One logical instruction: its first line (1-based), upper-cased keyword and the text after the keyword. */
    record Instruction(int line, String keyword, String args) {
    }

    /** The instructions and the escape character that the directive chose. */
    record Lexed(char escape, List<Instruction> instructions) {
    }

    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines;
    private int next; // index of the next unread line
    private char escape = '\\';

    private DockerfileLexer(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> split = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            split.add(stripTrailingNewline(line));
        }
        this.lines = split;
    }

    static Lexed lex(String text) {
        DockerfileLexer lexer = new DockerfileLexer(text);
        lexer.directives();
        List<Instruction> instructions = new ArrayList<>();
        Instruction instruction;
        while ((instruction = lexer.instruction()) != null) {
            instructions.add(instruction);
        }
        return new Lexed(lexer.escape, List.copyOf(instructions));
    }

    /** Parser directives must come first: the first line that is not one ends them, as in BuildKit. */
    private void directives() {
        Set<String> seen = new HashSet<>();
        while (next < lines.size()) {
            Matcher m = DIRECTIVE.matcher(lines.get(next).strip());
            if (!m.matches()) {
                return;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw ScanException.at(next + 1, "only one '" + name + "' parser directive may be used");
            }
            if (name.equals("escape")) {
                String value = m.group(2);
                if (!value.equals("\\") && !value.equals("`")) {
                    throw ScanException.at(next + 1, "the escape directive takes '\\' or '`', not '" + value + "'");
                }
                escape = value.charAt(0);
            }
            next++;
        }
    }

    /** The next instruction, or null at the end of the file. */
    private Instruction instruction() {
        while (next < lines.size()) {
            int start = next + 1;
            String first = lines.get(next++).stripLeading();
            if (first.isEmpty() || first.startsWith("#")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            boolean continues = appendLine(logical, first);
            while (continues && next < lines.size()) {
                String line = lines.get(next++);
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue; // comments and blank lines inside a continuation do not end it
                }
                continues = appendLine(logical, line);
            }
            String text = logical.toString().strip();
            if (text.isEmpty()) {
                continue;
            }
            int space = indexOfWhitespace(text);
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : text.substring(space).strip();
            skipHeredocs(start, keyword, args);
            return new Instruction(start, keyword, args);
        }
        return null;
    }

    /** Appends {@code line} without its continuation escape; true when the instruction continues. */
    private boolean appendLine(StringBuilder logical, String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == escape) {
            logical.append(line, 0, end - 1);
            return true;
        }
        logical.append(line);
        return false;
    }

    private void skipHeredocs(int start, String keyword, String args) {
        if (keyword.equals("ONBUILD")) {
            int space = indexOfWhitespace(args);
            if (space < 0) {
                return;
            }
            keyword = args.substring(0, space).toUpperCase(Locale.ROOT);
            args = args.substring(space).strip();
        }
        if (!HEREDOC_INSTRUCTIONS.contains(keyword) || !args.contains("<<")) {
            return;
        }
        if (isJsonArray(BuilderFlags.extract(args).rest())) {
            return; // exec form: "<<" is part of an argument, not a heredoc
        }
        for (String word : heredocWords(args)) {
            Matcher m = HEREDOC.matcher(word);
            if (!m.matches()) {
                continue;
            }
            String name = ShellWords.unquote(m.group(3));
            if (name.isEmpty()) {
                continue;
            }
            boolean chomp = !m.group(2).isEmpty();
            boolean terminated = false;
            while (next < lines.size()) {
                String line = lines.get(next++);
                if ((chomp ? line.replaceFirst("^\t+", "") : line).equals(name)) {
                    terminated = true;
                    break;
                }
            }
            if (!terminated) {
                throw ScanException.at(start, "heredoc <<" + name + " is not terminated by a line '" + name + "'");
            }
        }
    }

    /**
     * Splits the line into words as BuildKit does to look for heredocs: on unquoted whitespace, keeping quotes, and
     * with the whitespace after an unquoted {@code <<} kept in the word ({@code << EOF} is a heredoc too).
     */
    static List<String> heredocWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            if (c == '\\' && quote != '\'' && i + 1 < line.length()) {
                word.append(c).append(line.charAt(++i));
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            word.append(c);
            if (quote == 0 && c == '<' && i + 1 < line.length() && line.charAt(i + 1) == '<') {
                word.append(line.charAt(++i));
                while (i + 1 < line.length() && (line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t')) {
                    word.append(line.charAt(++i));
                }
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    static boolean isJsonArray(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("[")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            if (node == null || !node.isArray()) {
                return false;
            }
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String stripTrailingNewline(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }
}
