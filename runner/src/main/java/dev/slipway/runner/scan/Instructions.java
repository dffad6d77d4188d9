package dev.slipway.runner.scan;

import dev.slipway.runner.scan.DockerfileLexer.Instruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The instructions that name images, read as BuildKit reads them: {@code FROM [--platform=…] image [AS name]}
 * (arguments split on whitespace, stage names lower-cased), {@code COPY --from=…} and
 * {@code RUN --mount=type=bind|cache,from=…}, with flag values expanded in the stage's ARG scope.
 */
final class Instructions {

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");

    private Instructions() {
    }

    /** A parsed {@code FROM [--platform=…] image [AS name]}; the image is still unexpanded, the name null if none. */
    record From(int line, String image, String name) {
    }

    static From from(Instruction instruction) {
        int line = instruction.line();
        BuilderFlags flags = BuilderFlags.extract(instruction.args());
        for (BuilderFlags.Flag flag : flags.flags()) {
            if (!flag.name().equals("platform")) {
                throw ScanException.at(line, "FROM has no --" + flag.name() + " flag; it takes only --platform");
            }
            if (flag.value() == null || flag.value().isEmpty()) {
                throw ScanException.at(line, "FROM --platform needs a value: write --platform=<os>/<arch>");
            }
        }
        String[] words = flags.rest().isBlank() ? new String[0] : flags.rest().strip().split("\\s+");
        if (words.length == 0) {
            throw ScanException.at(line, "FROM needs an image");
        }
        if (words.length == 1) {
            return new From(line, words[0], null);
        }
        if (!words[1].equalsIgnoreCase("AS")) {
            throw ScanException.at(line, "FROM takes an image and an optional 'AS <name>', not '" + flags.rest()
                    + "' (an image reference cannot contain spaces)");
        }
        if (words.length != 3) {
            throw ScanException.at(line, words.length == 2 ? "FROM … AS needs a stage name"
                    : "FROM takes an image and an optional 'AS <name>', not '" + flags.rest() + "'");
        }
        String name = DockerfileScanner.lower(words[2]);
        if (!STAGE_NAME.matcher(name).matches()) {
            throw ScanException.at(line, "invalid stage name '" + words[2] + "': it must start with a letter and"
                    + " have only letters, digits, '-', '_' and '.'");
        }
        return new From(line, words[0], name);
    }

    /** The expanded {@code COPY --from} source, or empty when the COPY has none. */
    static Optional<String> copyFrom(Instruction instruction, ArgScope scope, char escape) {
        for (BuilderFlags.Flag flag : BuilderFlags.extract(instruction.args()).all("from")) {
            if (flag.value() == null) {
                throw ScanException.at(instruction.line(), "COPY --from needs a value: write --from=<stage|image>");
            }
            String value = expand(flag.value(), scope, escape, instruction, "COPY --from");
            if (!value.isEmpty()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The {@code from=} sources of {@code RUN --mount=type=bind|cache,from=…}. */
    static List<String> mountSources(Instruction instruction, ArgScope scope, char escape) {
        List<String> sources = new ArrayList<>();
        for (BuilderFlags.Flag flag : BuilderFlags.extract(instruction.args()).all("mount")) {
            if (flag.value() == null) {
                continue;
            }
            Map<String, String> options = mountOptions(flag.value());
            String type = options.getOrDefault("type", "bind");
            String from = options.get("from");
            if (from != null && (type.equals("bind") || type.equals("cache"))) {
                String value = expand(from, scope, escape, instruction, "RUN --mount from");
                if (!value.isEmpty()) {
                    sources.add(value);
                }
            }
        }
        return sources;
    }

    /** Parses a mount's comma-separated {@code key=value} list; double quotes may protect a comma. */
    static Map<String, String> mountOptions(String csv) {
        Map<String, String> options = new HashMap<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i <= csv.length(); i++) {
            char c = i < csv.length() ? csv.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                String text = field.toString().strip();
                int eq = text.indexOf('=');
                if (!text.isEmpty()) {
                    String key = eq < 0 ? text : text.substring(0, eq);
                    options.put(DockerfileScanner.lower(key), eq < 0 ? "" : text.substring(eq + 1));
                }
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        return options;
    }

    private static String expand(String raw, ArgScope scope, char escape, Instruction instruction, String what) {
        try {
            return ShellWords.expand(raw, scope::get, escape);
        } catch (ShellWords.WordException e) {
            throw ScanException.at(instruction.line(), what + ": " + e.getMessage());
        }
    }
}
