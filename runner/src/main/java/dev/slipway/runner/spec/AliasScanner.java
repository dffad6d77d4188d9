package dev.slipway.runner.spec;

import java.util.Map;

/**
 * acb's alias substitution (graph/preprocessor.go preprocessString), one code point at a time so a directive like
 * {@code 🐳} works. After the directive, the longest run of ASCII letters and digits is the alias name:
 * <ul>
 * <li>directive twice ({@code $$}) → one literal directive;</li>
 * <li>a known name → its value; when the next character is the directive again, the next alias starts right away
 *     ({@code $a$b});</li>
 * <li>an unknown name → left as written together with the character that ended it — so in {@code $nope$ID} the
 *     {@code $} after {@code nope} is consumed and {@code ID} stays literal, exactly as in acb.</li>
 * </ul>
 */
final class AliasScanner {
    private AliasScanner() {
    }

    static String replace(String text, Map<String, String> aliases, int directive) {
        var out = new StringBuilder(text.length());
        var name = new StringBuilder();
        boolean inAlias = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!inAlias) {
                if (c == directive) {
                    inAlias = true;
                } else {
                    out.appendCodePoint(c);
                }
            } else if (c == directive && name.isEmpty()) {
                out.appendCodePoint(directive);
                inAlias = false;
            } else if (!isAlphanumeric(c)) {
                String value = aliases.get(name.toString());
                if (value == null) {
                    out.appendCodePoint(directive).append(name).appendCodePoint(c);
                    inAlias = false;
                } else {
                    out.append(value);
                    if (c != directive) {
                        out.appendCodePoint(c);
                        inAlias = false;
                    }
                }
                name.setLength(0);
            } else {
                name.appendCodePoint(c);
            }
        }
        if (inAlias) {
            // acb drops a name cut off by the end of the text; its input always ends in a newline, so resolve it.
            String value = aliases.get(name.toString());
            out.append(value != null ? value : new StringBuilder().appendCodePoint(directive).append(name));
        }
        return out.toString();
    }

    static boolean isAlphanumeric(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
