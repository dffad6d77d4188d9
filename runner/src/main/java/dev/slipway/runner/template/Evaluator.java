package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Node.Arg;
import dev.slipway.runner.template.Node.Command;
import dev.slipway.runner.template.Node.Pipe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates pipelines, commands, fields and function calls (Go's exec.go {@code eval*}). Two kinds of nothing
 * are kept apart because Go keeps them apart: {@code null} is a nil found in the data (a missing map key under
 * {@code missingkey=zero}), and asking it for a field fails ("nil pointer evaluating interface {}.b");
 * {@link GoValues#NO_VALUE} is what a pipeline yields for nil, and fields of it are silently nothing.
 */
final class Evaluator {
    /** Go's missingVal: no piped-in value. */
    private static final Object MISSING = new Object();

    private final Executor ex;
    private final Clock clock;

    Evaluator(Executor ex, Clock clock) {
        this.ex = ex;
        this.clock = clock;
    }

    Object pipeline(Object dot, Pipe pipe) {
        if (pipe == null) {
            return GoValues.NO_VALUE;
        }
        ex.at(pipe);
        Object value = MISSING;
        for (Command cmd : pipe.cmds()) {
            value = command(dot, cmd, value);
            if (value == null) {
                value = GoValues.NO_VALUE; // Go unwraps a nil interface{} to an invalid value
            }
        }
        for (Node.Variable v : pipe.decls()) {
            if (pipe.isAssign()) {
                ex.setVar(v.idents().get(0), value);
            } else {
                ex.push(v.idents().get(0), value);
            }
        }
        return value;
    }

    private Object command(Object dot, Command cmd, Object fin) {
        Arg first = cmd.args().get(0);
        switch (first) {
            case Node.Field f -> {
                ex.at(f);
                return fieldChain(dot, dot, f.idents(), cmd.args(), fin);
            }
            case Node.Chain c -> {
                return chain(dot, c, cmd.args(), fin);
            }
            case Node.Identifier id -> {
                return function(dot, id, cmd, cmd.args(), fin);
            }
            case Pipe p -> {
                notAFunction(cmd.args(), fin);
                return pipeline(dot, p);
            }
            case Node.Variable v -> {
                return variable(dot, v, cmd.args(), fin);
            }
            default -> { }
        }
        ex.at(first);
        notAFunction(cmd.args(), fin);
        return switch (first) {
            case Node.Bool b -> b.value();
            case Node.Dot d -> dot;
            case Node.Number n -> idealConstant(n);
            case Node.Str s -> s.text();
            default -> throw ex.error("nil is not a command");
        };
    }

    private void notAFunction(List<Arg> args, Object fin) {
        if ((args != null && args.size() > 1) || fin != MISSING) {
            throw ex.error("can't give argument to non-function " + args.get(0));
        }
    }

    /** A number whose type comes from its syntax: float if written like one, else int. */
    private Object idealConstant(Node.Number n) {
        ex.at(n);
        String t = n.text();
        boolean hexInt = t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')
                && !t.matches(".*[pP].*");
        if (n.isFloat() && !hexInt && !n.isChar() && t.matches(".*[.eEpP].*")) {
            return n.floatValue();
        }
        if (n.isInt()) {
            return GoValues.goInt(n.intValue());
        }
        throw ex.error(t + " overflows int");
    }

    private Object variable(Object dot, Node.Variable v, List<Arg> args, Object fin) {
        ex.at(v);
        Object value = ex.varValue(v.idents().get(0));
        if (v.idents().size() == 1) {
            notAFunction(args, fin);
            return value;
        }
        return fieldChain(dot, value, v.idents().subList(1, v.idents().size()), args, fin);
    }

    private Object chain(Object dot, Node.Chain c, List<Arg> args, Object fin) {
        ex.at(c);
        if (c.node() instanceof Node.Nil) {
            throw ex.error("indirection through explicit nil in " + c);
        }
        Object receiver = arg(dot, null, c.node());
        ex.at(c);
        return fieldChain(dot, receiver, c.fields(), args, fin);
    }

    private Object fieldChain(Object dot, Object receiver, List<String> idents, List<Arg> args, Object fin) {
        int n = idents.size();
        for (int i = 0; i < n - 1; i++) {
            receiver = field(dot, idents.get(i), null, MISSING, receiver, i > 0);
        }
        return field(dot, idents.get(n - 1), args, fin, receiver, n > 1);
    }

    /** {@code receiver.name}: a map key or a time.Time method; {@code fromMap} says the receiver is interface-typed. */
    private Object field(Object dot, String name, List<Arg> args, Object fin, Object receiver, boolean fromMap) {
        if (receiver == GoValues.NO_VALUE) {
            return GoValues.NO_VALUE;
        }
        if (receiver == null) {
            throw ex.error("nil pointer evaluating interface {}." + name);
        }
        if (receiver instanceof GoTime t && DateFuncs.TIME_METHODS.containsKey(name)) {
            return call(dot, DateFuncs.TIME_METHODS.get(name), null, name, args, fin, t);
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
        if (receiver instanceof Map<?, ?> m) {
            if (hasArgs) {
                throw ex.error(name + " is not a method but has arguments");
            }
            return m.get(name);
        }
        throw ex.error("can't evaluate field " + name + " in type "
                + (fromMap ? "interface {}" : GoValues.typeName(receiver)));
    }

    private Object function(Object dot, Node.Identifier id, Node node, List<Arg> args, Object fin) {
        ex.at(id);
        return call(dot, Functions.get(id.name()), node, id.name(), args, fin, null);
    }

    /**
     * Calls {@code f} with the argument nodes after the first (the function itself) and the piped-in value last;
     * {@code receiver}, when not null, is a method's bound receiver.
     */
    private Object call(Object dot, Func f, Node node, String name, List<Arg> args, Object fin, Object receiver) {
        List<Arg> argNodes = args == null ? List.of() : args.subList(1, args.size());
        List<Param> params = f.params();
        int numIn = argNodes.size() + (fin != MISSING ? 1 : 0);
        int numFixed = argNodes.size();
        if (f.variadic()) {
            numFixed = params.size() - 1;
            if (numIn < numFixed) {
                throw ex.error("wrong number of args for " + name + ": want at least " + numFixed + " got "
                        + argNodes.size());
            }
        } else if (numIn != params.size()) {
            throw ex.error("wrong number of args for " + name + ": want " + params.size() + " got " + numIn);
        }
        if (receiver == null && Functions.SHORT_CIRCUIT.contains(name)) {
            boolean isOr = name.equals("or");
            Object v = null;
            for (Arg a : argNodes) {
                v = arg(dot, Param.ANY, a);
                if (GoValues.truth(v) == isOr) {
                    return v;
                }
            }
            return fin != MISSING ? fin : v;
        }
        List<Object> argv = new ArrayList<>(numIn + 1);
        if (receiver != null) {
            argv.add(receiver);
        }
        int i = 0;
        for (; i < numFixed && i < argNodes.size(); i++) {
            argv.add(arg(dot, params.get(i), argNodes.get(i)));
        }
        if (f.variadic()) {
            for (; i < argNodes.size(); i++) {
                argv.add(arg(dot, params.getLast(), argNodes.get(i)));
            }
        }
        if (fin != MISSING) {
            Param t = f.variadic() && numIn - 1 < numFixed ? params.get(numIn - 1) : params.getLast();
            argv.add(validate(fin, t));
        }
        try {
            return f.impl().call(new Func.Args(argv, clock));
        } catch (Func.Failure e) {
            throw callError(node, name, e.getMessage());
        } catch (RuntimeException e) {
            String detail = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw callError(node, name, "runtime error: " + detail);
        }
    }

    private TemplateException callError(Node node, String name, String message) {
        if (node != null) {
            ex.at(node);
        }
        return ex.error("error calling " + name + ": " + message);
    }

    /** Evaluates an argument for a parameter of type {@code typ} (null: no conversion, for chain receivers). */
    private Object arg(Object dot, Param typ, Arg n) {
        ex.at(n);
        switch (n) {
            case Node.Dot d -> {
                return validate(dot, typ);
            }
            case Node.Nil x -> {
                if (typ == null || typ.nilable) {
                    return null;
                }
                throw ex.error("cannot assign nil to " + typ.goName);
            }
            case Node.Field f -> {
                return validate(fieldChain(dot, dot, f.idents(), List.of(n), MISSING), typ);
            }
            case Node.Variable v -> {
                return validate(variable(dot, v, null, MISSING), typ);
            }
            case Pipe p -> {
                return validate(pipeline(dot, p), typ);
            }
            case Node.Identifier id -> {
                return validate(function(dot, id, id, null, MISSING), typ);
            }
            case Node.Chain c -> {
                return validate(chain(dot, c, null, MISSING), typ);
            }
            default -> { }
        }
        if (typ == null) {
            throw ex.error("can't handle " + n + " for arg of type <nil>");
        }
        return switch (typ) {
            case BOOL -> n instanceof Node.Bool b ? b.value() : expected("bool", n);
            case FLOAT -> n instanceof Node.Number num && num.isFloat() ? num.floatValue() : expected("float", n);
            case INT -> n instanceof Node.Number num && num.isInt() ? GoValues.goInt(num.intValue())
                    : expected("integer", n);
            case STRING -> n instanceof Node.Str s ? s.text() : expected("string", n);
            case ANY -> switch (n) {
                case Node.Bool b -> b.value();
                case Node.Number num -> idealConstant(num);
                case Node.Str s -> s.text();
                default -> throw ex.error("can't handle assignment of " + n + " to empty interface argument");
            };
            default -> throw ex.error("can't handle " + n + " for arg of type " + typ.goName);
        };
    }

    private Object expected(String what, Arg n) {
        throw ex.error("expected " + what + "; found " + n);
    }

    /** Go's validateType: is the value assignable to the parameter? */
    private Object validate(Object value, Param typ) {
        if (typ == null) {
            return value;
        }
        if (value == GoValues.NO_VALUE) {
            if (typ.nilable) {
                return null;
            }
            throw ex.error("invalid value; expected " + typ.goName);
        }
        if (typ == Param.ANY) {
            return value;
        }
        if (value == null) {
            throw ex.error("wrong type for value; expected " + typ.goName + "; got interface {}");
        }
        if (!typ.accepts(value)) {
            throw ex.error("wrong type for value; expected " + typ.goName + "; got " + GoValues.typeName(value));
        }
        return value;
    }
}
