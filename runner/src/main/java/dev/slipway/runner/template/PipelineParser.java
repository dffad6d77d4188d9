package dev.slipway.runner.template;

import dev.slipway.runner.template.Node.Arg;
import dev.slipway.runner.template.Node.Command;
import dev.slipway.runner.template.Node.Pipe;
import dev.slipway.runner.template.Node.Variable;
import dev.slipway.runner.template.Token.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Parses the inside of an action: declarations, pipelines, commands and operands (the second half of Go's
 * parse.go). Function names are checked here, at parse time, as Go does; variables must be declared in scope.
 */
final class PipelineParser {
    private static final Set<Kind> OPERAND_START = EnumSet.of(Kind.BOOL, Kind.CHAR_CONSTANT, Kind.COMPLEX, Kind.DOT,
            Kind.FIELD, Kind.IDENTIFIER, Kind.NUMBER, Kind.NIL, Kind.RAW_STRING, Kind.STRING, Kind.VARIABLE,
            Kind.LEFT_PAREN);
    private static final int MAX_PAREN_DEPTH = 1000;

    private final TokenStream in;
    private final Predicate<String> hasFunction;
    /** The variables in scope; the parser swaps the list when it enters a define or block body. */
    private final Supplier<List<String>> vars;
    private int parenDepth;

    PipelineParser(TokenStream in, Predicate<String> hasFunction, Supplier<List<String>> vars) {
        this.in = in;
        this.hasFunction = hasFunction;
        this.vars = vars;
    }

    /** {@code declarations? command ('|' command)*} up to {@code end}. */
    Pipe pipeline(String context, Kind end) {
        int pos = in.peekNonSpace().pos();
        List<Variable> decls = new ArrayList<>();
        boolean isAssign = false;
        while (in.peekNonSpace().kind() == Kind.VARIABLE) {
            int mark = in.mark();
            Token v = in.next();
            Token after = in.peekNonSpace();
            if (after.kind() == Kind.ASSIGN || after.kind() == Kind.DECLARE) {
                isAssign = after.kind() == Kind.ASSIGN;
                in.nextNonSpace();
                decls.add(new Variable(v.pos(), List.of(v.val())));
                vars.get().add(v.val());
            } else if (after.kind() == Kind.CHAR && after.val().equals(",")) {
                in.nextNonSpace();
                decls.add(new Variable(v.pos(), List.of(v.val())));
                vars.get().add(v.val());
                if (context.equals("range") && decls.size() < 2) {
                    Kind k = in.peekNonSpace().kind();
                    if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
                        continue; // the second variable of "range $i, $v := ..."
                    }
                    throw in.error("range can only initialize variables");
                }
                throw in.error("too many declarations in " + context);
            } else {
                in.reset(mark);
            }
            break;
        }
        List<Command> cmds = new ArrayList<>();
        while (true) {
            Token token = in.nextNonSpace();
            if (token.kind() == end) {
                checkPipeline(cmds, context);
                return new Pipe(pos, isAssign, List.copyOf(decls), List.copyOf(cmds));
            }
            if (!OPERAND_START.contains(token.kind())) {
                throw in.unexpected(token, context);
            }
            in.backup();
            cmds.add(command());
        }
    }

    private void checkPipeline(List<Command> cmds, String context) {
        if (cmds.isEmpty()) {
            throw in.error("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Arg first = cmds.get(i).args().get(0);
            if (first instanceof Node.Bool || first instanceof Node.Dot || first instanceof Node.Nil
                    || first instanceof Node.Number || first instanceof Node.Str) {
                throw in.error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Command command() {
        int pos = in.peekNonSpace().pos();
        List<Arg> args = new ArrayList<>();
        while (true) {
            in.peekNonSpace();
            Arg operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = in.next();
            if (token.kind() == Kind.SPACE) {
                continue;
            }
            if (token.kind() == Kind.RIGHT_DELIM || token.kind() == Kind.RIGHT_PAREN) {
                in.backup();
            } else if (token.kind() != Kind.PIPE) {
                throw in.unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw in.error("empty command");
        }
        return new Command(pos, List.copyOf(args));
    }

    /** A term followed by field accesses. */
    private Arg operand() {
        Arg node = term();
        if (node == null || in.peek().kind() != Kind.FIELD) {
            return node;
        }
        int chainPos = in.peek().pos();
        List<String> fields = new ArrayList<>();
        while (in.peek().kind() == Kind.FIELD) {
            fields.add(in.next().val().substring(1));
        }
        return switch (node) {
            case Node.Field f -> new Node.Field(chainPos, concat(f.idents(), fields));
            case Variable v -> new Variable(chainPos, concat(v.idents(), fields));
            case Node.Bool b -> throw in.error("unexpected . after term " + GoFmt.quote(b.toString()));
            case Node.Str s -> throw in.error("unexpected . after term " + GoFmt.quote(s.toString()));
            case Node.Number n -> throw in.error("unexpected . after term " + GoFmt.quote(n.toString()));
            case Node.Nil n -> throw in.error("unexpected . after term " + GoFmt.quote(n.toString()));
            case Node.Dot d -> throw in.error("unexpected . after term " + GoFmt.quote(d.toString()));
            default -> new Node.Chain(chainPos, node, List.copyOf(fields));
        };
    }

    private Arg term() {
        Token token = in.nextNonSpace();
        switch (token.kind()) {
            case IDENTIFIER -> {
                if (!hasFunction.test(token.val())) {
                    throw in.error("function " + GoFmt.quote(token.val()) + " not defined");
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
                    throw in.error(e.getMessage());
                }
            }
            case COMPLEX -> throw in.error("illegal number syntax: " + GoFmt.quote(token.val()));
            case LEFT_PAREN -> {
                if (++parenDepth > MAX_PAREN_DEPTH) {
                    throw in.error("max expression depth exceeded");
                }
                try {
                    return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
                } finally {
                    parenDepth--;
                }
            }
            case STRING, RAW_STRING -> { return new Node.Str(token.pos(), token.val(), unquote(token)); }
            default -> {
                in.backup();
                return null;
            }
        }
    }

    private Variable useVar(Token token) {
        List<String> idents = Arrays.asList(token.val().split("\\.", -1));
        if (!vars.get().contains(idents.get(0))) {
            throw in.error("undefined variable " + GoFmt.quote(idents.get(0)));
        }
        return new Variable(token.pos(), List.copyOf(idents));
    }

    String unquote(Token token) {
        try {
            return Literals.unquote(token.val());
        } catch (Literals.SyntaxError e) {
            throw in.error(e.getMessage());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

}
