package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The steps' dependency graph, built as acb's graph.NewDagFromTask does: steps become vertices in file order under a
 * synthetic root {@value #ROOT}; {@code when: ["-"]} hangs a step on the root (it starts at once), no {@code when}
 * hangs it on the previous step (the first on the root), {@code when: [a, b]} waits for all of a and b. An edge may
 * only come from a vertex that already exists, so a step can only wait for earlier steps and the graph is acyclic by
 * construction; {@link #of} checks that anyway.
 *
 * <p>Immutable; an executor keeps its own set of completed steps and asks {@link #ready(Set)} what may start.
 */
public final class Dag {
    /** acb's rootNodeID; reserved as a step id, and accepted in {@code when} as a synonym of "-". */
    public static final String ROOT = "acb_root";

    private final Map<String, StepSpec> steps;
    private final Map<String, Set<String>> parents;
    private final Map<String, Set<String>> children;

    private Dag(Map<String, StepSpec> steps, Map<String, Set<String>> parents, Map<String, Set<String>> children) {
        this.steps = steps;
        this.parents = parents;
        this.children = children;
    }

    /** Builds the graph; fails with acb's vertex and edge messages when a {@code when} names no earlier step. */
    public static Dag of(TaskSpec spec) {
        return build(spec, step -> { });
    }

    /**
     * acb validates each step just before adding its vertex, so the first error in file order wins whether it is a
     * step rule or a bad edge; the validator passes its step rules as {@code beforeVertex} to keep that order.
     */
    static Dag build(TaskSpec spec, Consumer<StepSpec> beforeVertex) {
        var steps = new LinkedHashMap<String, StepSpec>();
        var parents = new LinkedHashMap<String, Set<String>>();
        var children = new LinkedHashMap<String, Set<String>>();
        String previous = null;
        for (StepSpec step : spec.steps()) {
            beforeVertex.accept(step);
            String id = step.id();
            if (id.equals(ROOT)) {
                throw TaskSpecException.forStep(id, ROOT + " is a reserved ID, it can't be used");
            }
            if (steps.putIfAbsent(id, step) != null) {
                throw TaskSpecException.forStep(id, id + " already exists as a vertex");
            }
            var deps = new LinkedHashSet<String>();
            if (step.when().isEmpty()) {
                if (previous != null) {
                    deps.add(previous);
                }
            } else if (!step.properties().startsImmediately()) {
                for (String from : step.when()) {
                    if (from.isEmpty()) {
                        throw TaskSpecException.forStep(id, "from cannot be empty");
                    }
                    if (from.equals(id)) {
                        throw TaskSpecException.forStep(id, "from and to cannot be the same");
                    }
                    if (!from.equals(ROOT) && !steps.containsKey(from)) {
                        throw TaskSpecException.forStep(id,
                                from + " does not exist as a vertex [from: " + from + ", to: " + id + "]");
                    }
                    if (!from.equals(ROOT)) {
                        deps.add(from);
                    }
                }
            }
            parents.put(id, Collections.unmodifiableSet(deps));
            children.put(id, new LinkedHashSet<>());
            deps.forEach(d -> children.get(d).add(id));
            previous = id;
        }
        children.replaceAll((id, set) -> Collections.unmodifiableSet(set));
        var dag = new Dag(Collections.unmodifiableMap(steps), parents, children);
        dag.assertAcyclic();
        return dag;
    }

    /** Steps in file order, which is also a topological order. */
    public List<StepSpec> steps() {
        return List.copyOf(steps.values());
    }

    public StepSpec step(String id) {
        StepSpec step = steps.get(id);
        if (step == null) {
            throw new IllegalArgumentException("no step with ID: " + id);
        }
        return step;
    }

    /** The steps {@code id} waits for (empty for steps hanging on the root). */
    public Set<String> dependencies(String id) {
        step(id);
        return parents.get(id);
    }

    /** The steps waiting directly for {@code id}. */
    public Set<String> children(String id) {
        step(id);
        return children.get(id);
    }

    /** The steps that start with the run. */
    public List<String> roots() {
        return ready(Set.of());
    }

    /**
     * The steps not in {@code completed} whose dependencies all are, in file order. "Completed" means succeeded or
     * failed with {@code ignoreErrors}; steps already started are the caller's to leave out.
     */
    public List<String> ready(Set<String> completed) {
        var out = new ArrayList<String>();
        parents.forEach((id, deps) -> {
            if (!completed.contains(id) && completed.containsAll(deps)) {
                out.add(id);
            }
        });
        return out;
    }

    /** Every step that waits for {@code id}, directly or not, in file order: what a failure of {@code id} cancels. */
    public Set<String> dependants(String id) {
        step(id);
        var found = new LinkedHashSet<String>();
        var pending = new ArrayList<>(children.get(id));
        while (!pending.isEmpty()) {
            String next = pending.removeLast();
            if (found.add(next)) {
                pending.addAll(children.get(next));
            }
        }
        var ordered = new LinkedHashSet<String>();
        steps.keySet().stream().filter(found::contains).forEach(ordered::add);
        return Collections.unmodifiableSet(ordered);
    }

    /** Every edge goes from an earlier step to a later one; if not, the builder above is broken. */
    private void assertAcyclic() {
        var position = new LinkedHashMap<String, Integer>();
        steps.keySet().forEach(id -> position.put(id, position.size()));
        parents.forEach((id, deps) -> deps.forEach(dep -> {
            if (position.get(dep) >= position.get(id)) {
                throw new IllegalStateException("dependency cycle through steps " + dep + " and " + id);
            }
        }));
    }
}
