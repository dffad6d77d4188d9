package dev.slipway.runner.spec;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as yaml.v2 sees it before decoding into Go structs: mappings, sequences and scalars that keep their
 * raw text, their resolved kind and their line. Task decoding needs the raw text (a string field takes
 * {@code yes} as "yes", not "true") and the line (errors say where), which a databind tree would lose.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    /** yaml.v2's tag names, used in its "cannot unmarshal !!str `x` into int" messages. */
    String tag();

    record Mapping(Map<String, YamlNode> entries, int line) implements YamlNode {
        @Override
        public String tag() {
            return "!!map";
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String tag() {
            return "!!seq";
        }
    }

    record Scalar(String text, Kind kind, int line) implements YamlNode {
        @Override
        public String tag() {
            return kind.tag;
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }
    }

    enum Kind {
        STRING("!!str"), INT("!!int"), FLOAT("!!float"), BOOL("!!bool"), NULL("!!null");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }
}
