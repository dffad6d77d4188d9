package dev.slipway.runner.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the arguments of {@code docker build} (the {@code build:} step string, or a quick build's) into a
 * {@link BuildCommand}. Words are split like a POSIX shell does, so {@code -f "my dir/Dockerfile"} and
 * {@code --build-arg MSG='hello world'} work; acb split on spaces and broke paths with spaces (Azure/acr#871).
 * Flags follow Docker's CLI: {@code --tag x}, {@code --tag=x}, {@code -t x}, {@code -tx}, {@code -t=x}.
 */
public final class DockerBuildCommand {

    private static final Set<String> VALUE_FLAGS = Set.of("add-host", "allow", "annotation", "attest", "build-arg",
            "build-context", "builder", "cache-from", "cache-to", "call", "cgroup-parent", "cpu-period", "cpu-quota",
            "cpu-shares", "cpuset-cpus", "cpuset-mems", "file", "iidfile", "isolation", "label", "memory",
            "memory-swap", "metadata-file", "network", "no-cache-filter", "output", "platform", "progress", "secret",
            "security-opt", "shm-size", "ssh", "tag", "target", "ulimit");
    private static final Set<String> BOOLEAN_FLAGS = Set.of("check", "compress", "disable-content-trust", "force-rm",
            "load", "no-cache", "pull", "push", "quiet", "rm", "squash", "stream");
    private static final Map<Character, String> SHORT_FLAGS =
            Map.of('t', "tag", 'f', "file", 'm', "memory", 'c', "cpu-shares", 'o', "output", 'q', "quiet");

    private DockerBuildCommand() {
    }

    /** Parses {@code args}; a {@code --build-arg NAME} without a value has no value to take. */
    public static BuildCommand parse(String args) {
        return parse(args, Map.of());
    }

    /**
     * Parses {@code args}, the words after {@code docker build}.
     *
     * @param env values for {@code --build-arg NAME} without {@code =}: as the Docker CLI takes them from its
     *            environment; a name missing here is left unset so the Dockerfile's default applies
     * @throws ScanException for an unterminated quote, a flag without its value, or not exactly one context
     */
    public static BuildCommand parse(String args, Map<String, String> env) {
        Builder b = new Builder(env);
        List<String> words = tokenize(args);
        boolean flagsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (flagsEnded || word.equals("-") || !word.startsWith("-")) {
                b.positionals.add(word);
            } else if (word.equals("--")) {
                flagsEnded = true;
            } else if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word.substring(2) : word.substring(2, eq);
                String value = eq < 0 ? null : word.substring(eq + 1);
                if (VALUE_FLAGS.contains(name) && value == null) {
                    value = valueAfter(words, i++, word);
                }
                b.flag(word, name, value);
            } else {
                String name = SHORT_FLAGS.get(word.charAt(1));
                String value = word.length() > 2 ? word.substring(word.charAt(2) == '=' ? 3 : 2) : null;
                if (name == null || (BOOLEAN_FLAGS.contains(name) && value != null)) {
                    b.extra.add(word); // unknown or combined short flags: pass them on as written
                    continue;
                }
                if (VALUE_FLAGS.contains(name) && (value == null || value.isEmpty())) {
                    value = valueAfter(words, i++, word);
                }
                b.flag(word, name, value);
            }
        }
        return b.build();
    }

    private static String valueAfter(List<String> words, int i, String flag) {
        if (i + 1 >= words.size()) {
            throw new ScanException("build command: " + flag + " needs a value");
        }
        return words.get(i + 1);
    }

    /** Collects flags; one per parse. */
    private static final class Builder {
        final Map<String, String> env;
        final List<String> tags = new ArrayList<>();
        final Map<String, String> buildArgs = new LinkedHashMap<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<String> extra = new ArrayList<>();
        final List<String> positionals = new ArrayList<>();
        String dockerfile;
        String target;
        String platform;
        String network;
        boolean noCache;
        boolean pull;

        Builder(Map<String, String> env) {
            this.env = env;
        }

        void flag(String word, String name, String value) {
            if (VALUE_FLAGS.contains(name) && value.isEmpty() && !name.equals("label")) {
                throw new ScanException("build command: " + word + " needs a value");
            }
            switch (name) {
                case "tag" -> tags.add(value);
                case "file" -> dockerfile = value;
                case "target" -> target = value;
                case "platform" -> platform = value;
                case "network" -> network = value;
                case "no-cache" -> noCache = bool(word, value);
                case "pull" -> pull = bool(word, value);
                case "build-arg" -> buildArg(value);
                case "label" -> {
                    int eq = value.indexOf('=');
                    labels.put(eq < 0 ? value : value.substring(0, eq), eq < 0 ? "" : value.substring(eq + 1));
                }
                default -> {
                    if (BOOLEAN_FLAGS.contains(name) && value != null) {
                        bool(word, value);
                    }
                    // Known flags are normalised to one --name=value word; unknown ones are kept as written.
                    boolean known = VALUE_FLAGS.contains(name) || BOOLEAN_FLAGS.contains(name);
                    extra.add(!known ? word : value == null ? "--" + name : "--" + name + "=" + value);
                }
            }
        }

        private void buildArg(String value) {
            int eq = value.indexOf('=');
            String name = eq < 0 ? value : value.substring(0, eq);
            if (name.isEmpty()) {
                throw new ScanException("build command: --build-arg '" + value + "' has no name before '='");
            }
            if (eq >= 0) {
                buildArgs.put(name, value.substring(eq + 1));
            } else if (env.containsKey(name)) {
                buildArgs.put(name, env.get(name));
            }
        }

        private static boolean bool(String word, String value) {
            if (value == null || value.equals("true")) {
                return true;
            }
            if (value.equals("false")) {
                return false;
            }
            throw new ScanException("build command: " + word + " takes true or false");
        }

        BuildCommand build() {
            if (positionals.isEmpty()) {
                throw new ScanException("build command: the build context is missing; end the command with a"
                        + " directory such as '.', a Git URL or a tarball URL");
            }
            if (positionals.size() > 1) {
                throw new ScanException("build command: expected one build context but found "
                        + String.join(", ", positionals.stream().map(p -> "'" + p + "'").toList())
                        + "; quote a path with spaces, and write an unknown flag's value as --flag=value");
            }
            return new BuildCommand(tags, dockerfile, buildArgs, target, platform, noCache, pull, network, labels,
                    positionals.getFirst(), extra);
        }
    }

    /**
     * Splits like a POSIX shell without expansion: whitespace separates words; single quotes keep everything; in
     * double quotes a backslash escapes only {@code " \ $ `}; elsewhere a backslash escapes the next character.
     */
    static List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++; // a line continuation joins the lines and is not part of any word
                continue;
            }
            inWord = true;
            if (c == '\\') {
                if (i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                }
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ScanException("build command: unterminated ' quote in: " + text);
                }
                word.append(text, i + 1, end);
                i = end;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends a double-quoted part starting after the quote; returns the index of the closing quote. */
    private static int doubleQuoted(String text, int i, StringBuilder word) {
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                char next = text.charAt(++i);
                if (next != '\n') {
                    word.append(next);
                }
            } else {
                word.append(c);
            }
        }
        throw new ScanException("build command: unterminated \" quote in: " + text);
    }
}
