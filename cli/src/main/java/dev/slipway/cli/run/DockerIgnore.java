package dev.slipway.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} patterns with Docker's rules (moby/patternmatcher): one pattern a line, {@code #} comments,
 * paths cleaned and relative to the context root, {@code *} and {@code ?} within one path element, {@code **} across
 * any number of them, {@code [...]} classes, {@code \} escapes, {@code !} exceptions; the last matching pattern
 * decides, and a pattern that matches a directory matches everything below it.
 */
final class DockerIgnore {
    private record Rule(Pattern regex, boolean exclude, int depth) { }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclude = true;
            if (line.startsWith("!")) {
                exclude = false;
                line = line.substring(1).strip();
            }
            String cleaned = clean(line);
            if (cleaned.isEmpty()) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(regex(cleaned)), exclude, cleaned.split("/").length));
        }
        return new DockerIgnore(rules);
    }

    /** Whether a path ({@code a/b/c}, relative to the context) is left out of the context. */
    boolean excluded(String path) {
        boolean excluded = false;
        String[] parts = path.split("/");
        for (Rule r : rules) {
            if (matches(r, path, parts)) {
                excluded = r.exclude();
            }
        }
        return excluded;
    }

    /** Whether an exception ({@code !}) pattern might re-include something below an excluded directory. */
    boolean hasExceptions() {
        return rules.stream().anyMatch(r -> !r.exclude());
    }

    private static boolean matches(Rule r, String path, String[] parts) {
        if (r.regex().matcher(path).matches()) {
            return true;
        }
        // A pattern naming a directory covers what is inside it.
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            if (r.regex().matcher(prefix).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Go's filepath.Clean on a slash path, then without a leading slash. */
    static String clean(String pattern) {
        List<String> out = new ArrayList<>();
        for (String part : pattern.replace('\\', '\u0000').split("/")) {
            String p = part.replace('\u0000', '\\');
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.add(p);
        }
        return String.join("/", out);
    }

    static String regex(String pattern) {
        StringBuilder sb = new StringBuilder();
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                            i++;
                            sb.append("(?:.*/)?");
                        } else {
                            sb.append(".*");
                        }
                    } else {
                        sb.append("[^/]*");
                    }
                }
                case '?' -> sb.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        sb.append("\\[");
                    } else {
                        String cls = pattern.substring(i + 1, end);
                        if (cls.startsWith("^") || cls.startsWith("!")) {
                            cls = "^" + cls.substring(1);
                        }
                        sb.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        i++;
                        sb.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                    }
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
