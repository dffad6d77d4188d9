package dev.slipway.runner.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads golden files: {@code ### name} starts a case, {@code --- template|data|want|error} start sections, a
 * blank line before the next case (or at the end) separates cases. See the header of syntax.txt.
 */
record GoldenCases(String name, String template, String data, String want, String error) {

    @Override
    public String toString() {
        return name;
    }

    static List<GoldenCases> load(String resource) {
        String text;
        try (InputStream in = GoldenCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1); // the file's final newline ends the last line
        }
        List<GoldenCases> cases = new ArrayList<>();
        String name = null;
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("### ")) {
                if (name != null) {
                    cases.add(of(name, sections, current));
                }
                name = line.substring(4);
                sections = new LinkedHashMap<>();
                current = null;
            } else if (line.startsWith("--- ") && name != null) {
                current = new ArrayList<>();
                sections.put(line.substring(4), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        if (name != null) {
            cases.add(of(name, sections, current));
        }
        return cases;
    }

    private static GoldenCases of(String name, Map<String, List<String>> sections, List<String> last) {
        // "x\n\n### next" splits into [x, "", "### next"]: the empty line is the separator, not text.
        if (last != null && !last.isEmpty() && last.getLast().isEmpty()) {
            last.removeLast();
        }
        return new GoldenCases(name, join(sections.get("template")), join(sections.get("data")),
                join(sections.get("want")), join(sections.get("error")));
    }

    private static String join(List<String> lines) {
        return lines == null ? null : String.join("\n", lines);
    }
}
