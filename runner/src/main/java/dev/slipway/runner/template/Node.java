package dev.slipway.runner.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree, mirroring Go's {@code text/template/parse} nodes. {@code toString()} reproduces Go's
 * {@code Node.String()} because render errors quote the failing node ({@code at <.Values.a.b>}). Every node keeps
 * the char offset of its first token for error locations.
 */
sealed interface Node {

    int pos();

    /** Plain text between actions, already trimmed by {@code {{-} and {@code -}}} markers. */
    record Text(int pos, String text) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A sequence of nodes: a template body or a branch. */
    record ListNode(int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            return nodes.stream().map(Object::toString).collect(Collectors.joining());
        }
    }

    /** {@code {{pipeline}}}: prints the value unless the pipeline declares variables. */
    record Action(int pos, Pipe pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** {@code if}, {@code range} and {@code with} share one shape; {@code elseList} may be null. */
    record Control(int pos, ControlKind kind, Pipe pipe, ListNode list, ListNode elseList) implements Node {
        @Override
        public String toString() {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            return "{{" + name + " " + pipe + "}}" + list + (elseList == null ? "" : "{{else}}" + elseList)
                    + "{{end}}";
        }
    }

    enum ControlKind { IF, RANGE, WITH }

    /** {@code {{template "name" pipeline}}}; {@code pipe} is null when absent. */
    record TemplateCall(int pos, String name, Pipe pipe) implements Node {
        @Override
        public String toString() {
            return "{{template " + GoFmt.quote(name) + (pipe == null ? "" : " " + pipe) + "}}";
        }
    }

    record Break(int pos) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record Continue(int pos) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** One stage of a pipeline: an operand followed by its arguments. */
    record Command(int pos, List<Arg> args) implements Node {
        @Override
        public String toString() {
            return args.stream().map(a -> a instanceof Pipe ? "(" + a + ")" : a.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    /** The operands a command is made of. */
    sealed interface Arg extends Node {
    }

    /**
     * {@code $x := a | b c}: declarations (or assignments when {@code isAssign}) followed by commands. Also an
     * operand when parenthesised.
     */
    record Pipe(int pos, boolean isAssign, List<Variable> decls, List<Command> cmds) implements Arg {
        @Override
        public String toString() {
            String head = decls.isEmpty() ? ""
                    : decls.stream().map(Variable::toString).collect(Collectors.joining(", "))
                    + (isAssign ? " = " : " := ");
            return head + cmds.stream().map(Command::toString).collect(Collectors.joining(" | "));
        }
    }

    /** {@code .A.B}: fields of dot. */
    record Field(int pos, List<String> idents) implements Arg {
        @Override
        public String toString() {
            return "." + String.join(".", idents);
        }
    }

    /** {@code $x.A.B}: the first ident is the variable name including its {@code $}. */
    record Variable(int pos, List<String> idents) implements Arg {
        @Override
        public String toString() {
            return String.join(".", idents);
        }
    }

    /** {@code (pipeline).A.B} or {@code fn.A}: fields of any other term. */
    record Chain(int pos, Arg node, List<String> fields) implements Arg {
        @Override
        public String toString() {
            String head = node instanceof Pipe ? "(" + node + ")" : node.toString();
            return head + fields.stream().map(f -> "." + f).collect(Collectors.joining());
        }
    }

    /** A function name. */
    record Identifier(int pos, String name) implements Arg {
        @Override
        public String toString() {
            return name;
        }
    }

    record Dot(int pos) implements Arg {
        @Override
        public String toString() {
            return ".";
        }
    }

    record Nil(int pos) implements Arg {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record Bool(int pos, boolean value) implements Arg {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A string literal; {@code quoted} is the source text, {@code text} the unquoted value. */
    record Str(int pos, String quoted, String text) implements Arg {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /**
     * A number literal with every interpretation Go finds for it ({@code 1.0} is both an integer and a float).
     * {@code isChar} marks a rune constant like {@code 'a'}.
     */
    record Number(int pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue,
                  boolean isChar) implements Arg {
        @Override
        public String toString() {
            return text;
        }
    }
}
