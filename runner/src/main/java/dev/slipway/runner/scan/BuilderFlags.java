package dev.slipway.runner.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --name=value} flags that open an instruction ({@code FROM --platform=…}, {@code COPY --from=…},
 * {@code RUN --mount=…}) and the text after them. Like BuildKit's {@code extractBuilderFlags}: flags are only read
 * while words start with {@code --}, quotes inside a flag are removed and a lone {@code --} ends the flags.
 *
 * @param flags the flags in order; a flag without {@code =} has a null value
 * @param rest  the instruction's arguments after the flags
 */
record BuilderFlags(List<Flag> flags, String rest) {

    record Flag(String name, String value) {
    }

    BuilderFlags {
        flags = List.copyOf(flags);
    }

    static BuilderFlags extract(String args) {
        List<Flag> flags = new ArrayList<>();
        int pos = 0;
        while (true) {
            while (pos < args.length() && Character.isWhitespace(args.charAt(pos))) {
                pos++;
            }
            if (!args.startsWith("--", pos)) {
                return new BuilderFlags(flags, args.substring(pos));
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; pos < args.length(); pos++) {
                char c = args.charAt(pos);
                if (quote == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && pos + 1 < args.length()) {
                    word.append(args.charAt(++pos));
                } else if (c != '\\') {
                    word.append(c);
                }
            }
            if (word.length() == 2) { // "--" ends the flags
                return new BuilderFlags(flags, args.substring(pos).strip());
            }
            String text = word.substring(2);
            int eq = text.indexOf('=');
            flags.add(eq < 0 ? new Flag(text, null) : new Flag(text.substring(0, eq), text.substring(eq + 1)));
        }
    }

    /** Values of every flag called {@code name}, in order (RUN may have several {@code --mount}s). */
    List<Flag> all(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).toList();
    }
}
