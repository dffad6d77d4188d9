package dev.slipway.runner.template;

import dev.slipway.runner.template.Node.Arg;
import dev.slipway.runner.template.Node.Command;
import dev.slipway.runner.template.Node.ControlKind;
import dev.slipway.runner.template.Node.ListNode;
import dev.slipway.runner.template.Node.Pipe;
import dev.slipway.runner.template.Node.Variable;
import dev.slipway.runner.template.Token.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recursive-descent parser, a port of Go's {@code text/template/parse/parse.go}: same grammar, same variable
 * scoping (a declaration lives until the {@code end} of the enclosing control), same error wording. Produces one
 * tree per template name: the file itself plus every {@code define} and {@code block}.
 */
final class Parser {
    private static final Set<Kind> OPERAND_START = EnumSet.of(Kind.BOOL, Kind.CHAR_CONSTANT, Kind.COMPLEX, Kind.DOT,
            Kind.FIELD, Kind.IDENTIFIER, Kind.NUMBER, Kind.NIL, Kind.RAW_STRING, Kind.STRING, Kind.VARIABLE,
            Kind.LEFT_PAREN);
    private static final int MAX_PAREN_DEPTH = 1000;

    /** Markers returned by {@link #itemList()} for {@code {{end}}} and {@code {{else}}}. */
    private record End(int pos) {
        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    private record Else(int pos) {
        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    private final String name;
    private final List<Token> tokens;
    private final Predicate<String> hasFunction;
    private final Map<String, ListNode> trees = new LinkedHashMap<>();
    private int index;
    private int furthest;
    // State of the tree being parsed; define and block bodies save and restore it.
    private List<String> vars = new ArrayList<>(List.of("$"));
    private int rangeDepth;
    private int actionLine;
    private int parenDepth;

    private Parser(String name, String text, Predicate<String> hasFunction) {
        this.name = name;
        this.tokens = Lexer.lex(text);
        this.hasFunction = hasFunction;
    }

    /** Parses {@code text}; the result maps template names to bodies, the file's own body under {@code name}. */
    static Map<String, ListNode> parse(String name, String text, Predicate<String> hasFunction) {
        Parser p = new Parser(name, text, hasFunction);
        p.parseTop();
        return p.trees;
    }

    private void parseTop() {
        List<Node> root = new ArrayList<>();
        int rootPos = peek().pos();
        while (peek().kind() != Kind.EOF) {
            if (peek().kind() == Kind.LEFT_DELIM) {
                int mark = index;
                next();
                if (nextNonSpace().kind() == Kind.DEFINE) {
                    parseDefinition();
                    continue;
                }
                index = mark;
            }
            Object n = textOrAction();
            if (n instanceof End || n instanceof Else) {
                throw error("unexpected " + n);
            }
            root.add((Node) n);
        }
        add(name, new ListNode(rootPos, root));
    }

    private void parseDefinition() {
        String context = "define clause";
        Token nameToken = nextNonSpace();
        if (nameToken.kind() != Kind.STRING && nameToken.kind() != Kind.RAW_STRING) {
            throw unexpected(nameToken, context);
        }
        String defined = unquote(nameToken);
        expect(Kind.RIGHT_DELIM, context);
        add(defined, body(context));
    }

    /** Parses a define or block body up to its {@code {{end}}} with fresh variables, as Go's new Tree does. */
    private ListNode body(String context) {
        List<String> savedVars = vars;
        int savedRange = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        try {
            Object[] listAndEnd = itemList();
            if (!(listAndEnd[1] instanceof End)) {
                throw error("unexpected " + listAndEnd[1] + " in " + context);
            }
            return (ListNode) listAndEnd[0];
        } finally {
            vars = savedVars;
            rangeDepth = savedRange;
        }
    }

    private void add(String treeName, ListNode body) {
        ListNode existing = trees.get(treeName);
        if (existing == null || isEmpty(existing)) {
            trees.put(treeName, body);
        } else if (!isEmpty(body)) {
            throw error("template: multiple definition of template " + GoFmt.quote(treeName));
        }
    }

    /** Go's IsEmptyTree: only blank text (comments never reach the tree). */
    private static boolean isEmpty(ListNode list) {
        return list.nodes().stream().allMatch(n -> n instanceof Node.Text t && t.text().isBlank());
    }

    /** Returns {list, End-or-Else marker}. */
    private Object[] itemList() {
        List<Node> list = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (peekNonSpace().kind() != Kind.EOF) {
            Object n = textOrAction();
            if (n instanceof End || n instanceof Else) {
                return new Object[] {new ListNode(pos, list), n};
            }
            list.add((Node) n);
        }
        throw error("unexpected EOF");
    }

    private Object textOrAction() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case TEXT -> {
                return new Node.Text(token.pos(), token.val());
            }
            case LEFT_DELIM -> {
                actionLine = token.line();
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            }
            default -> throw unexpected(token, "input");
        }
    }

    private Object action() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case BLOCK -> { return blockControl(); }
            case BREAK, CONTINUE -> { return loopControl(token); }
            case ELSE -> { return elseControl(); }
            case END -> { return new End(expect(Kind.RIGHT_DELIM, "end").pos()); }
            case IF -> { return control(ControlKind.IF, token); }
            case RANGE -> { return control(ControlKind.RANGE, token); }
            case WITH -> { return control(ControlKind.WITH, token); }
            case TEMPLATE -> { return templateControl(); }
            default -> {
                backup();
                return new Node.Action(token.pos(), pipeline("command", Kind.RIGHT_DELIM));
            }
        }
    }

    private Node loopControl(Token keyword) {
        String name = "{{" + keyword.val() + "}}";
        Token token = nextNonSpace();
        if (token.kind() != Kind.RIGHT_DELIM) {
            throw unexpected(token, name);
        }
        if (rangeDepth == 0) {
            throw error(name + " outside {{range}}");
        }
        return keyword.kind() == Kind.BREAK ? new Node.Break(keyword.pos()) : new Node.Continue(keyword.pos());
    }

    private Else elseControl() {
        Token peek = peekNonSpace();
        // "{{else if" and "{{else with" leave the keyword pending for control() to chain.
        if (peek.kind() == Kind.IF || peek.kind() == Kind.WITH) {
            return new Else(peek.pos());
        }
        return new Else(expect(Kind.RIGHT_DELIM, "else").pos());
    }

    private Node.Control control(ControlKind kind, Token keyword) {
        String context = kind.name().toLowerCase(java.util.Locale.ROOT);
        int varMark = vars.size();
        try {
            Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
            if (kind == ControlKind.RANGE) {
                rangeDepth++;
            }
            Object[] listAndNext = itemList();
            if (kind == ControlKind.RANGE) {
                rangeDepth--;
            }
            ListNode elseList = null;
            if (listAndNext[1] instanceof Else e) {
                Kind chained = kind == ControlKind.IF ? Kind.IF : kind == ControlKind.WITH ? Kind.WITH : null;
                if (chained != null && peek().kind() == chained) {
                    Token again = next();
                    elseList = new ListNode(e.pos(), List.of(control(kind, again)));
                } else {
                    Object[] elseAndEnd = itemList();
                    if (!(elseAndEnd[1] instanceof End)) {
                        throw error("expected end; found " + elseAndEnd[1]);
                    }
                    elseList = (ListNode) elseAndEnd[0];
                }
            }
            return new Node.Control(pipe.pos(), kind, pipe, (ListNode) listAndNext[0], elseList);
        } finally {
            vars.subList(varMark, vars.size()).clear();
        }
    }

    private Node blockControl() {
        String context = "block clause";
        Token token = nextNonSpace();
        String blockName = templateName(token, context);
        Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
        add(blockName, body(context));
        return new Node.TemplateCall(token.pos(), blockName, pipe);
    }

    private Node templateControl() {
        String context = "template clause";
        Token token = nextNonSpace();
        String called = templateName(token, context);
        Pipe pipe = null;
        if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Kind.RIGHT_DELIM);
        }
        return new Node.TemplateCall(token.pos(), called, pipe);
    }

    private String templateName(Token token, String context) {
        if (token.kind() != Kind.STRING && token.kind() != Kind.RAW_STRING) {
            throw unexpected(token, context);
        }
        return unquote(token);
    }

    /** {@code declarations? command ('|' command)*} up to {@code end}. */
    private Pipe pipeline(String context, Kind end) {
        int pos = peekNonSpace().pos();
        List<Variable> decls = new ArrayList<>();
        boolean isAssign = false;
        while (peekNonSpace().kind() == Kind.VARIABLE) {
            int mark = index;
            Token v = next();
            Token after = peekNonSpace();
            if (after.kind() == Kind.ASSIGN || after.kind() == Kind.DECLARE) {
                isAssign = after.kind() == Kind.ASSIGN;
                nextNonSpace();
                decls.add(new Variable(v.pos(), List.of(v.val())));
                vars.add(v.val());
            } else if (after.kind() == Kind.CHAR && after.val().equals(",")) {
                nextNonSpace();
                decls.add(new Variable(v.pos(), List.of(v.val())));
                vars.add(v.val());
                if (context.equals("range") && decls.size() < 2) {
                    Kind k = peekNonSpace().kind();
                    if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
                        continue; // the second variable of "range $i, $v := ..."
                    }
                    throw error("range can only initialize variables");
                }
                throw error("too many declarations in " + context);
            } else {
                index = mark;
            }
            break;
        }
        List<Command> cmds = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.kind() == end) {
                checkPipeline(cmds, context);
                return new Pipe(pos, isAssign, List.copyOf(decls), List.copyOf(cmds));
            }
            if (!OPERAND_START.contains(token.kind())) {
                throw unexpected(token, context);
            }
            backup();
            cmds.add(command());
        }
    }

    private void checkPipeline(List<Command> cmds, String context) {
        if (cmds.isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Arg first = cmds.get(i).args().get(0);
            if (first instanceof Node.Bool || first instanceof Node.Dot || first instanceof Node.Nil
                    || first instanceof Node.Number || first instanceof Node.Str) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Command command() {
        int pos = peekNonSpace().pos();
        List<Arg> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Arg operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = next();
            if (token.kind() == Kind.SPACE) {
                continue;
            }
            if (token.kind() == Kind.RIGHT_DELIM || token.kind() == Kind.RIGHT_PAREN) {
                backup();
            } else if (token.kind() != Kind.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return new Command(pos, List.copyOf(args));
    }

    /** A term followed by field accesses. */
    private Arg operand() {
        Arg node = term();
        if (node == null || peek().kind() != Kind.FIELD) {
            return node;
        }
        int chainPos = peek().pos();
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD) {
            fields.add(next().val().substring(1));
        }
        return switch (node) {
            case Node.Field f -> new Node.Field(chainPos, concat(f.idents(), fields));
            case Variable v -> new Variable(chainPos, concat(v.idents(), fields));
            case Node.Bool b -> throw error("unexpected . after term " + GoFmt.quote(b.toString()));
            case Node.Str s -> throw error("unexpected . after term " + GoFmt.quote(s.toString()));
            case Node.Number n -> throw error("unexpected . after term " + GoFmt.quote(n.toString()));
            case Node.Nil n -> throw error("unexpected . after term " + GoFmt.quote(n.toString()));
            case Node.Dot d -> throw error("unexpected . after term " + GoFmt.quote(d.toString()));
            default -> new Node.Chain(chainPos, node, List.copyOf(fields));
        };
    }

    private Arg term() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case IDENTIFIER -> {
                if (!hasFunction.test(token.val())) {
                    throw error("function " + GoFmt.quote(token.val()) + " not defined");
                }
                return new Node.Identifier(token.pos(), token.val());
            }
            case DOT -> { return new Node.Dot(token.pos()); }
            case NIL -> { return new Node.Nil(token.pos()); }
            case VARIABLE -> { return useVar(token); }
            case FIELD -> { return new Node.Field(token.pos(), List.of(token.val().substring(1))); }
            case BOOL -> { return new Node.Bool(token.pos(), token.val().equals("true")); }
            case CHAR_CONSTANT, NUMBER -> {
                try {
                    return Literals.number(token.pos(), token.val(), token.kind() == Kind.CHAR_CONSTANT);
                } catch (Literals.SyntaxError e) {
                    throw error(e.getMessage());
                }
            }
            case COMPLEX -> throw error("illegal number syntax: " + GoFmt.quote(token.val()));
            case LEFT_PAREN -> {
                if (++parenDepth > MAX_PAREN_DEPTH) {
                    throw error("max expression depth exceeded");
                }
                try {
                    return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
                } finally {
                    parenDepth--;
                }
            }
            case STRING, RAW_STRING -> { return new Node.Str(token.pos(), token.val(), unquote(token)); }
            default -> {
                backup();
                return null;
            }
        }
    }

    private Variable useVar(Token token) {
        List<String> idents = Arrays.asList(token.val().split("\\.", -1));
        if (!vars.contains(idents.get(0))) {
            throw error("undefined variable " + GoFmt.quote(idents.get(0)));
        }
        return new Variable(token.pos(), List.copyOf(idents));
    }

    private String unquote(Token token) {
        try {
            return Literals.unquote(token.val());
        } catch (Literals.SyntaxError e) {
            throw error(e.getMessage());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private Token expect(Kind expected, String context) {
        Token token = nextNonSpace();
        if (token.kind() != expected) {
            throw unexpected(token, context);
        }
        return token;
    }

    private Token next() {
        Token t = tokens.get(Math.min(index, tokens.size() - 1));
        index++;
        furthest = Math.max(furthest, Math.min(index - 1, tokens.size() - 1));
        return t;
    }

    private Token peek() {
        Token t = next();
        index--;
        return t;
    }

    private void backup() {
        index--;
    }

    private Token nextNonSpace() {
        Token t;
        do {
            t = next();
        } while (t.kind() == Kind.SPACE);
        return t;
    }

    private Token peekNonSpace() {
        Token t = nextNonSpace();
        backup();
        return t;
    }

    private TemplateException unexpected(Token token, String context) {
        if (token.kind() == Kind.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != token.line()) {
                extra = (token.val().endsWith(" action") ? " started at " : " in action started at ")
                        + name + ":" + actionLine;
            }
            return error(token.val() + extra);
        }
        return error("unexpected " + token + " in " + context);
    }

    /** Go reports parse errors at the line of the last token read. */
    private TemplateException error(String message) {
        return new TemplateException(name, tokens.get(furthest).line(), -1, message);
    }
}
