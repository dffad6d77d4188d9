package dev.slipway.runner.template;

import dev.slipway.runner.template.Node.Action;
import dev.slipway.runner.template.Node.Control;
import dev.slipway.runner.template.Node.ControlKind;
import dev.slipway.runner.template.Node.ListNode;
import dev.slipway.runner.template.Node.Pipe;
import dev.slipway.runner.template.Node.TemplateCall;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a parsed template and writes its output: Go's exec.go {@code walk*} functions. Expression evaluation is
 * in {@link Evaluator}; this class owns the mutable run state (output, variable stack, current template) and
 * turns failures into {@link TemplateException}s located at the node being executed. One instance per render.
 */
final class Executor {
    /** Go allows 100000 nested template calls; a JVM stack would not, so recursion stops much earlier. */
    static final int MAX_DEPTH = 200;

    private static final class LoopSignal extends RuntimeException {
        LoopSignal() {
            super(null, null, false, false);
        }
    }

    private static final LoopSignal BREAK = new LoopSignal();
    private static final LoopSignal CONTINUE = new LoopSignal();

    /** A variable slot; range iterations overwrite the value in place. */
    private static final class Var {
        final String name;
        Object value;

        Var(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    private final String parseName;
    private final String text;
    private final int[] lineStarts;
    private final Map<String, ListNode> templates;
    private final Evaluator eval;
    private final StringBuilder out = new StringBuilder();
    private List<Var> vars = new ArrayList<>();
    private String current;
    private Node at;
    private int depth;

    Executor(String parseName, String text, Map<String, ListNode> templates, Clock clock) {
        this.parseName = parseName;
        this.text = text;
        this.lineStarts = Lexer.lineStarts(text);
        this.templates = templates;
        this.eval = new Evaluator(this, clock);
    }

    String execute(Object data) {
        Object dot = data == null ? GoValues.NO_VALUE : data;
        current = parseName;
        vars.add(new Var("$", dot));
        try {
            walk(dot, templates.get(parseName));
        } catch (StackOverflowError e) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        return out.toString();
    }

    void walk(Object dot, Node node) {
        at(node);
        switch (node) {
            case Action a -> {
                Object value = eval.pipeline(dot, a.pipe());
                if (a.pipe().decls().isEmpty()) {
                    at(a);
                    out.append(value == GoValues.NO_VALUE ? "<no value>" : GoFmt.formatValue(value));
                }
            }
            case Node.Break b -> throw BREAK;
            case Node.Continue c -> throw CONTINUE;
            case Control c when c.kind() == ControlKind.RANGE -> walkRange(dot, c);
            case Control c -> walkIfOrWith(dot, c);
            case ListNode l -> {
                for (Node n : l.nodes()) {
                    walk(dot, n);
                }
            }
            case TemplateCall t -> walkTemplate(dot, t);
            case Node.Text t -> out.append(t.text());
            default -> throw error("unknown node: " + node);
        }
    }

    private void walkIfOrWith(Object dot, Control c) {
        int mark = vars.size();
        try {
            Object value = eval.pipeline(dot, c.pipe());
            if (GoValues.truth(value)) {
                walk(c.kind() == ControlKind.WITH ? value : dot, c.list());
            } else if (c.elseList() != null) {
                walk(dot, c.elseList());
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, Control r) {
        at(r);
        int outer = vars.size();
        try {
            Object value = eval.pipeline(dot, r.pipe());
            int mark = vars.size();
            boolean ran = false;
            switch (value) {
                case List<?> list -> {
                    for (int i = 0; i < list.size(); i++) {
                        ran = true;
                        if (!iteration(r, i, list.get(i), mark)) {
                            return;
                        }
                    }
                }
                case Map<?, ?> map -> {
                    for (Object key : GoValues.sortedKeys(map)) {
                        ran = true;
                        if (!iteration(r, key, map.get(key), mark)) {
                            return;
                        }
                    }
                }
                case Number n when GoValues.isIntegral(n) -> {
                    if (r.pipe().decls().size() > 1) {
                        throw error("can't use " + GoFmt.formatValue(n) + " to iterate over more than one variable");
                    }
                    for (long i = 0; i < GoValues.toLong(n); i++) {
                        ran = true;
                        Number index = GoValues.goInt(i);
                        if (!iteration(r, index, index, mark)) {
                            return;
                        }
                    }
                }
                case GoValues.NoValue nv -> { }
                case null -> { }
                default -> throw error("range can't iterate over " + GoFmt.formatValue(value));
            }
            if (!ran && r.elseList() != null) {
                walk(dot, r.elseList());
            }
        } finally {
            pop(outer);
        }
    }

    /** One pass of a range body; false when it hit {@code break}. */
    private boolean iteration(Control r, Object index, Object elem, int mark) {
        Pipe p = r.pipe();
        if (!p.decls().isEmpty()) {
            if (p.isAssign()) {
                setVar(p.decls().get(0).idents().get(0), p.decls().size() > 1 ? index : elem);
            } else {
                vars.get(vars.size() - 1).value = elem;
            }
        }
        if (p.decls().size() > 1) {
            if (p.isAssign()) {
                setVar(p.decls().get(1).idents().get(0), elem);
            } else {
                vars.get(vars.size() - 2).value = index;
            }
        }
        try {
            walk(elem, r.list());
            return true;
        } catch (LoopSignal s) {
            return s == CONTINUE;
        } finally {
            pop(mark);
        }
    }

    private void walkTemplate(Object dot, TemplateCall t) {
        at(t);
        ListNode body = templates.get(t.name());
        if (body == null) {
            throw error("template " + GoFmt.quote(t.name()) + " not defined");
        }
        if (depth >= MAX_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object newDot = eval.pipeline(dot, t.pipe());
        List<Var> savedVars = vars;
        String savedName = current;
        // No dynamic scoping: the called template sees only $, bound to its dot.
        vars = new ArrayList<>();
        vars.add(new Var("$", newDot));
        current = t.name();
        depth++;
        try {
            walk(newDot, body);
        } finally {
            vars = savedVars;
            current = savedName;
            depth--;
        }
    }

    void push(String name, Object value) {
        vars.add(new Var(name, value));
    }

    private void pop(int mark) {
        vars.subList(mark, vars.size()).clear();
    }

    Object varValue(String name) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(name)) {
                return vars.get(i).value;
            }
        }
        throw error("undefined variable: " + name);
    }

    void setVar(String name, Object value) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(name)) {
                vars.get(i).value = value;
                return;
            }
        }
        throw error("undefined variable: " + name);
    }

    /** Marks the node being executed, for error locations. */
    void at(Node node) {
        at = node;
    }

    /** An error at the current node, worded like Go's ExecError. */
    TemplateException error(String message) {
        int pos = at == null ? 0 : at.pos();
        int line = Lexer.lineOf(lineStarts, pos);
        int lineStart = lineStarts[line - 1];
        int column = text.substring(lineStart, Math.min(pos, text.length())).getBytes(StandardCharsets.UTF_8).length;
        String context = at == null ? "" : " at <" + at + ">";
        return new TemplateException(parseName, line, column,
                "executing " + GoFmt.quote(current) + context + ": " + message);
    }
}
