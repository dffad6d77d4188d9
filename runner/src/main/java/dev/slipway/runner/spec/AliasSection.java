package dev.slipway.runner.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The top-level {@code alias:} block of a task: how acb cuts it out of the text (SeparateAliasFromRest, line based,
 * before any YAML parsing) and what it declares.
 *
 * @param src       alias files, later ones winning over earlier ones
 * @param values    inline aliases, winning over every file
 * @param directive the character replacing {@code $}, empty when not overridden
 */
record AliasSection(List<String> src, Map<String, String> values, String directive) {
    private static final Pattern ALIAS_KEY = Pattern.compile("^alias[\\t\\n\\f\\r ]*:.*$");
    /** A line starting at column 0 with a key: where acb's alias block ends. */
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[^\\t\\n\\f\\r :]+[^:]*:.*$");

    static final AliasSection EMPTY = new AliasSection(List.of(), Map.of(), "");

    /** The text split in two: the {@code alias:} block and everything else, both {@code \n}-terminated per line. */
    record Split(String alias, String rest) {
    }

    /**
     * Lines from {@code alias:} up to the next top-level key line go to the alias part; comment lines are dropped
     * from both, as in acb.
     */
    static Split split(String text) {
        var alias = new StringBuilder();
        var rest = new StringBuilder();
        boolean inside = false;
        for (String line : Comments.lines(Comments.strip(text))) {
            if (!inside && ALIAS_KEY.matcher(line).matches()) {
                inside = true;
            } else if (inside && TOP_LEVEL_KEY.matcher(line).matches()) {
                inside = false;
            }
            (inside ? alias : rest).append(line).append('\n');
        }
        return new Split(alias.toString(), rest.toString());
    }

    /** Decodes a (rendered) alias block, {@code alias: {src, values, directive}}; unknown keys are ignored. */
    static AliasSection parse(String block, List<String> warnings) {
        try {
            YamlNode root = YamlReader.read(block);
            if (root == null) {
                return EMPTY;
            }
            Fields top = Fields.of(root, "", "alias wrapper", warnings);
            if (!top.has("alias")) {
                return EMPTY;
            }
            YamlNode.Mapping wrapper = (YamlNode.Mapping) root;
            Fields alias = Fields.of(wrapper.entries().get("alias"), "alias", "graph.Alias", warnings);
            var section = new AliasSection(alias.strings("src"),
                    alias.stringMap("values").orElse(Map.of()), alias.string("directive"));
            alias.warnUnknown();
            return section;
        } catch (TaskSpecException e) {
            throw new TaskSpecException("error during alias unmarshaling: " + e.getMessage(), e);
        }
    }

    /** An alias file: a YAML map of names to values. */
    static Map<String, String> parseFile(String content) {
        YamlNode root = YamlReader.read(content);
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof YamlNode.Mapping m)) {
            throw Fields.mismatch(root, "map[string]string", "");
        }
        var out = new LinkedHashMap<String, String>();
        m.entries().forEach((k, v) -> out.put(k, Fields.text(v, k)));
        return out;
    }
}
