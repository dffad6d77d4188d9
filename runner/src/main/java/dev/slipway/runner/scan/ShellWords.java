package dev.slipway.runner.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Dockerfile word handling as BuildKit's {@code shell.Lex} does it: quotes, the escape character (backslash or the
 * backtick chosen by {@code # escape=}) and variable expansion ({@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}},
 * {@code ${VAR:+word}}, {@code ${VAR?message}}, {@code ${VAR#glob}}, {@code ${VAR%glob}}…). acb only trimmed quotes
 * and used Go's {@code os.Expand}, which is why quoted FROMs and ARGs broke it (Azure/acr-builder#178, #529).
 */
final class ShellWords {

    private ShellWords() {
    }

    /** Thrown for a malformed word; the caller adds the Dockerfile line. */
    static final class WordException extends RuntimeException {
        WordException(String message) {
            super(message);
        }
    }

    /**
     * Splits {@code text} on unquoted whitespace, keeping quotes and escapes in the words (BuildKit's
     * {@code parseWords}); used for {@code ARG a=1 b="x y"} where each word is expanded afterwards.
     */
    static List<String> split(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == escape && quote != '\'') {
                if (i + 1 == text.length()) {
                    continue; // an escape at the very end is dropped
                }
                word.append(c).append(text.charAt(++i));
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            word.append(c);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Expands one word: removes quotes and escapes and substitutes variables looked up in {@code vars} (null means
     * unset). Single quotes keep {@code $} literal, as in a shell.
     */
    static String expand(String word, Function<String, String> vars, char escape) {
        Expander e = new Expander(word, vars, escape);
        String result = e.until((char) 0);
        if (e.pos < word.length()) {
            throw new WordException("unexpected '" + word.charAt(e.pos) + "' in '" + word + "'");
        }
        return result;
    }

    /** Removes quotes and escapes without expanding anything (heredoc delimiters). */
    static String unquote(String word) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote != '\'' && i + 1 < word.length()) {
                out.append(word.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final class Expander {
        private final String s;
        private final Function<String, String> vars;
        private final char escape;
        private int pos;

        Expander(String s, Function<String, String> vars, char escape) {
            this.s = s;
            this.vars = vars;
            this.escape = escape;
        }

        /** Reads up to (not including) an unquoted {@code stop} character, or to the end when stop is 0. */
        String until(char stop) {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (stop != 0 && c == stop) {
                    return out.toString();
                }
                pos++;
                if (c == escape) {
                    if (pos < s.length()) {
                        out.append(s.charAt(pos++));
                    }
                } else if (c == '\'') {
                    out.append(singleQuoted());
                } else if (c == '"') {
                    out.append(doubleQuoted());
                } else if (c == '$') {
                    out.append(dollar());
                } else {
                    out.append(c);
                }
            }
            if (stop != 0) {
                throw new WordException("missing '" + stop + "' in '" + s + "'");
            }
            return out.toString();
        }

        private String singleQuoted() {
            int end = s.indexOf('\'', pos);
            if (end < 0) {
                throw new WordException("unterminated single quote in '" + s + "'");
            }
            String text = s.substring(pos, end);
            pos = end + 1;
            return text;
        }

        private String doubleQuoted() {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == escape && pos < s.length()) {
                    char next = s.charAt(pos);
                    if (next == '"' || next == '$' || next == escape) {
                        out.append(next);
                        pos++;
                        continue;
                    }
                    out.append(c);
                } else if (c == '$') {
                    out.append(dollar());
                } else {
                    out.append(c);
                }
            }
            throw new WordException("unterminated double quote in '" + s + "'");
        }

        /** After a {@code $}: a name, {@code {name[modifier word]}}, or a literal dollar. */
        private String dollar() {
            if (pos >= s.length() || s.charAt(pos) != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                String value = vars.apply(name);
                return value == null ? "" : value;
            }
            pos++;
            if (pos >= s.length()) {
                throw new WordException("missing '}' in '" + s + "'");
            }
            String name = name();
            if (name.isEmpty()) {
                throw new WordException("bad substitution in '" + s + "': '${' must be followed by a variable name");
            }
            if (pos >= s.length()) {
                throw new WordException("missing '}' in '" + s + "'");
            }
            char op = s.charAt(pos++);
            String value = vars.apply(name);
            if (op == '}') {
                return value == null ? "" : value;
            }
            boolean colon = op == ':';
            if (colon) {
                if (pos >= s.length()) {
                    throw new WordException("missing '}' in '" + s + "'");
                }
                op = s.charAt(pos++);
            }
            boolean longest = false;
            if ((op == '#' || op == '%') && !colon && pos < s.length() && s.charAt(pos) == op) {
                longest = true;
                pos++;
            }
            if ("-+?#%".indexOf(op) < 0 || (colon && (op == '#' || op == '%'))) {
                throw new WordException("unsupported modifier '" + (colon ? ":" : "") + op + "' in '" + s + "'");
            }
            String word = until('}');
            pos++; // the closing brace
            boolean absent = value == null || (colon && value.isEmpty());
            return switch (op) {
                case '-' -> absent ? word : value;
                case '+' -> absent ? "" : word;
                case '?' -> {
                    if (absent && !word.isEmpty()) {
                        throw new WordException(name + ": " + word);
                    }
                    if (absent) {
                        throw new WordException(name + ": is not allowed to be " + (value == null ? "unset" : "empty"));
                    }
                    yield value;
                }
                case '#' -> trimPrefix(value == null ? "" : value, word, longest);
                default -> trimSuffix(value == null ? "" : value, word, longest);
            };
        }

        private String name() {
            int start = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                return s.substring(start, pos);
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return s.substring(start, pos);
        }
    }

    private static String trimPrefix(String value, String glob, boolean longest) {
        Pattern p = Pattern.compile(globToRegex(glob));
        if (longest) {
            for (int i = value.length(); i >= 0; i--) {
                if (p.matcher(value.substring(0, i)).matches()) {
                    return value.substring(i);
                }
            }
        } else {
            for (int i = 0; i <= value.length(); i++) {
                if (p.matcher(value.substring(0, i)).matches()) {
                    return value.substring(i);
                }
            }
        }
        return value;
    }

    private static String trimSuffix(String value, String glob, boolean longest) {
        Pattern p = Pattern.compile(globToRegex(glob));
        if (longest) {
            for (int i = 0; i <= value.length(); i++) {
                if (p.matcher(value.substring(i)).matches()) {
                    return value.substring(0, i);
                }
            }
        } else {
            for (int i = value.length(); i >= 0; i--) {
                if (p.matcher(value.substring(i)).matches()) {
                    return value.substring(0, i);
                }
            }
        }
        return value;
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
