package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Failure;
import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Sprig's regex functions on {@link Pattern}, keeping Go's behaviour where it differs from Java's: {@code $name}
 * expansion in replacements, no empty match right after a previous match, and {@code Split}'s edge cases.
 * Patterns are RE2 syntax; {@code (?P<name>)} is accepted, the rest relies on the common subset.
 */
final class RegexFuncs {
    private RegexFuncs() {
    }

    static void register(Registry r) {
        r.fn("regexMatch", a -> {
            try {
                return compile(a.str(0)).matcher(a.str(1)).find();
            } catch (Failure e) {
                return false;
            }
        }, Param.STRING, Param.STRING);
        r.fn("regexFind", a -> {
            Matcher m = compile(a.str(0)).matcher(a.str(1));
            return m.find() ? m.group() : "";
        }, Param.STRING, Param.STRING);
        r.fn("regexFindAll", a -> {
            List<Object> out = new ArrayList<>();
            String s = a.str(1);
            for (int[] m : findAll(compile(a.str(0)), s, a.integer(2))) {
                out.add(s.substring(m[0], m[1]));
            }
            return out;
        }, Param.STRING, Param.STRING, Param.INT);
        r.fn("regexReplaceAll", a -> replaceAll(a.str(0), a.str(1), a.str(2), false),
                Param.STRING, Param.STRING, Param.STRING);
        r.fn("regexReplaceAllLiteral", a -> replaceAll(a.str(0), a.str(1), a.str(2), true),
                Param.STRING, Param.STRING, Param.STRING);
        r.fn("regexSplit", a -> split(compile(a.str(0)), a.str(0), a.str(1), a.integer(2)),
                Param.STRING, Param.STRING, Param.INT);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new Failure("regexp: Compile(" + GoFmt.quote(regex) + "): error parsing regexp: "
                    + e.getDescription());
        }
    }

    /** Go's allMatches: successive non-overlapping matches, skipping an empty match that abuts the previous. */
    private static List<int[]> findAll(Pattern p, String s, int n) {
        List<int[]> matches = new ArrayList<>();
        if (n < 0) {
            n = s.length() + 1;
        }
        Matcher m = p.matcher(s);
        int pos = 0;
        int prevEnd = -1;
        while (matches.size() < n && pos <= s.length() && m.find(pos)) {
            boolean accept = true;
            if (m.end() == m.start()) {
                if (m.start() == prevEnd) {
                    accept = false;
                }
                pos = m.end() < s.length() ? m.end() + Character.charCount(s.codePointAt(m.end())) : s.length() + 1;
            } else {
                pos = m.end();
            }
            prevEnd = m.end();
            if (accept) {
                matches.add(new int[] {m.start(), m.end()});
            }
        }
        return matches;
    }

    private static String replaceAll(String regex, String s, String repl, boolean literal) {
        Pattern p = compile(regex);
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (int[] match : findAll(p, s, -1)) {
            sb.append(s, last, match[0]);
            if (literal) {
                sb.append(repl);
            } else {
                m.find(match[0]);
                expand(sb, repl, m);
            }
            last = match[1];
        }
        return sb.append(s.substring(last)).toString();
    }

    /** regexp.Expand: {@code $1}, {@code $name}, {@code ${name}}, {@code $$}; unknown groups expand to nothing. */
    private static void expand(StringBuilder sb, String template, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                sb.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            int start = i + 1;
            boolean braced = template.charAt(start) == '{';
            int j = braced ? start + 1 : start;
            while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j))
                    || template.charAt(j) == '_')) {
                j++;
            }
            String name = template.substring(braced ? start + 1 : start, j);
            if (name.isEmpty() || (braced && (j >= template.length() || template.charAt(j) != '}'))) {
                sb.append('$');
                i++;
                continue;
            }
            sb.append(group(m, name));
            i = braced ? j + 1 : j;
        }
    }

    private static String group(Matcher m, String name) {
        try {
            String g = name.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(name)) : m.group(name);
            return g == null ? "" : g;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return "";
        }
    }

    private static List<Object> split(Pattern p, String regex, String s, int n) {
        List<Object> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (!regex.isEmpty() && s.isEmpty()) {
            out.add("");
            return out;
        }
        int beg = 0;
        int end = 0;
        for (int[] match : findAll(p, s, n)) {
            if (n > 0 && out.size() == n - 1) {
                break;
            }
            end = match[0];
            if (match[1] != 0) {
                out.add(s.substring(beg, end));
            }
            beg = match[1];
        }
        if (end != s.length()) {
            out.add(s.substring(beg));
        }
        return out;
    }
}
