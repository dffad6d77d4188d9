package dev.slipway.runner.template;

import dev.slipway.runner.template.Node.ControlKind;
import dev.slipway.runner.template.Node.ListNode;
import dev.slipway.runner.template.Node.Pipe;
import dev.slipway.runner.template.Token.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Recursive-descent parser, a port of Go's {@code text/template/parse/parse.go}: same grammar, same variable
 * scoping (a declaration lives until the {@code end} of the enclosing control), same error wording. Produces one
 * tree per template name: the file itself plus every {@code define} and {@code block}. This class parses the
 * template structure (text, actions, control blocks); {@link PipelineParser} parses what is inside an action.
 */
final class Parser {
    /** Markers returned by {@link #itemList()} for {@code {{end}}} and {@code {{else}}}. */
    private record End(int pos) {
        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    /** What {@link #itemList()} read: the nodes and the {@code End} or {@code Else} that stopped it. */
    private record Items(ListNode list, Object end) {
    }

    private record Else(int pos) {
        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    private final String name;
    private final TokenStream in;
    private final PipelineParser pipes;
    private final Map<String, ListNode> trees = new LinkedHashMap<>();
    // State of the tree being parsed; define and block bodies save and restore it.
    private List<String> vars = new ArrayList<>(List.of("$"));
    private int rangeDepth;

    private Parser(String name, String text, Predicate<String> hasFunction) {
        this.name = name;
        this.in = new TokenStream(name, Lexer.lex(text));
        this.pipes = new PipelineParser(in, hasFunction, () -> vars);
    }

    /** Parses {@code text}; the result maps template names to bodies, the file's own body under {@code name}. */
    static Map<String, ListNode> parse(String name, String text, Predicate<String> hasFunction) {
        Parser p = new Parser(name, text, hasFunction);
        p.parseTop();
        return p.trees;
    }

    private void parseTop() {
        List<Node> root = new ArrayList<>();
        int rootPos = in.peek().pos();
        while (in.peek().kind() != Kind.EOF) {
            if (in.peek().kind() == Kind.LEFT_DELIM) {
                int mark = in.mark();
                in.next();
                if (in.nextNonSpace().kind() == Kind.DEFINE) {
                    parseDefinition();
                    continue;
                }
                in.reset(mark);
            }
            Object n = textOrAction();
            if (n instanceof End || n instanceof Else) {
                throw in.error("unexpected " + n);
            }
            root.add((Node) n);
        }
        add(name, new ListNode(rootPos, root));
    }

    private void parseDefinition() {
        String context = "define clause";
        Token nameToken = in.nextNonSpace();
        if (nameToken.kind() != Kind.STRING && nameToken.kind() != Kind.RAW_STRING) {
            throw in.unexpected(nameToken, context);
        }
        String defined = pipes.unquote(nameToken);
        in.expect(Kind.RIGHT_DELIM, context);
        add(defined, body(context));
    }

    /** Parses a define or block body up to its {@code {{end}}} with fresh variables, as Go's new Tree does. */
    private ListNode body(String context) {
        List<String> savedVars = vars;
        int savedRange = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        try {
            Items items = itemList();
            if (!(items.end() instanceof End)) {
                throw in.error("unexpected " + items.end() + " in " + context);
            }
            return items.list();
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
            throw in.error("template: multiple definition of template " + GoFmt.quote(treeName));
        }
    }

    /** Go's IsEmptyTree: only blank text (comments never reach the tree). */
    private static boolean isEmpty(ListNode list) {
        return list.nodes().stream().allMatch(n -> n instanceof Node.Text t && t.text().isBlank());
    }

    /** Nodes up to the next {@code {{end}}} or {@code {{else}}}. */
    private Items itemList() {
        List<Node> list = new ArrayList<>();
        int pos = in.peekNonSpace().pos();
        while (in.peekNonSpace().kind() != Kind.EOF) {
            Object n = textOrAction();
            if (n instanceof End || n instanceof Else) {
                return new Items(new ListNode(pos, list), n);
            }
            list.add((Node) n);
        }
        throw in.error("unexpected EOF");
    }

    private Object textOrAction() {
        Token token = in.nextNonSpace();
        switch (token.kind()) {
            case TEXT -> {
                return new Node.Text(token.pos(), token.val());
            }
            case LEFT_DELIM -> {
                in.actionLine(token.line());
                try {
                    return action();
                } finally {
                    in.actionLine(0);
                }
            }
            default -> throw in.unexpected(token, "input");
        }
    }

    private Object action() {
        Token token = in.nextNonSpace();
        switch (token.kind()) {
            case BLOCK -> { return blockControl(); }
            case BREAK, CONTINUE -> { return loopControl(token); }
            case ELSE -> { return elseControl(); }
            case END -> { return new End(in.expect(Kind.RIGHT_DELIM, "end").pos()); }
            case IF -> { return control(ControlKind.IF, token); }
            case RANGE -> { return control(ControlKind.RANGE, token); }
            case WITH -> { return control(ControlKind.WITH, token); }
            case TEMPLATE -> { return templateControl(); }
            default -> {
                in.backup();
                return new Node.Action(token.pos(), pipes.pipeline("command", Kind.RIGHT_DELIM));
            }
        }
    }

    private Node loopControl(Token keyword) {
        String name = "{{" + keyword.val() + "}}";
        Token token = in.nextNonSpace();
        if (token.kind() != Kind.RIGHT_DELIM) {
            throw in.unexpected(token, name);
        }
        if (rangeDepth == 0) {
            throw in.error(name + " outside {{range}}");
        }
        return keyword.kind() == Kind.BREAK ? new Node.Break(keyword.pos()) : new Node.Continue(keyword.pos());
    }

    private Else elseControl() {
        Token peek = in.peekNonSpace();
        // "{{else if" and "{{else with" leave the keyword pending for control() to chain.
        if (peek.kind() == Kind.IF || peek.kind() == Kind.WITH) {
            return new Else(peek.pos());
        }
        return new Else(in.expect(Kind.RIGHT_DELIM, "else").pos());
    }

    private Node.Control control(ControlKind kind, Token keyword) {
        String context = kind.name().toLowerCase(java.util.Locale.ROOT);
        int varMark = vars.size();
        try {
            Pipe pipe = pipes.pipeline(context, Kind.RIGHT_DELIM);
            if (kind == ControlKind.RANGE) {
                rangeDepth++;
            }
            Items items = itemList();
            if (kind == ControlKind.RANGE) {
                rangeDepth--;
            }
            ListNode elseList = null;
            if (items.end() instanceof Else e) {
                Kind chained = kind == ControlKind.IF ? Kind.IF : kind == ControlKind.WITH ? Kind.WITH : null;
                if (chained != null && in.peek().kind() == chained) {
                    Token again = in.next();
                    elseList = new ListNode(e.pos(), List.of(control(kind, again)));
                } else {
                    Items elseItems = itemList();
                    if (!(elseItems.end() instanceof End)) {
                        throw in.error("expected end; found " + elseItems.end());
                    }
                    elseList = elseItems.list();
                }
            }
            return new Node.Control(pipe.pos(), kind, pipe, items.list(), elseList);
        } finally {
            vars.subList(varMark, vars.size()).clear();
        }
    }

    private Node blockControl() {
        String context = "block clause";
        Token token = in.nextNonSpace();
        String blockName = templateName(token, context);
        Pipe pipe = pipes.pipeline(context, Kind.RIGHT_DELIM);
        add(blockName, body(context));
        return new Node.TemplateCall(token.pos(), blockName, pipe);
    }

    private Node templateControl() {
        String context = "template clause";
        Token token = in.nextNonSpace();
        String called = templateName(token, context);
        Pipe pipe = null;
        if (in.nextNonSpace().kind() != Kind.RIGHT_DELIM) {
            in.backup();
            pipe = pipes.pipeline(context, Kind.RIGHT_DELIM);
        }
        return new Node.TemplateCall(token.pos(), called, pipe);
    }

    private String templateName(Token token, String context) {
        if (token.kind() != Kind.STRING && token.kind() != Kind.RAW_STRING) {
            throw in.unexpected(token, context);
        }
        return pipes.unquote(token);
    }

}
