package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The whole front half of a run, as pure stages (acb's cmd/acb/commands/exec/exec.go): find the version → if it
 * enables aliases, drop comment lines and substitute aliases (templating the {@code alias:} block first) → render
 * the template → parse with acb's defaults → expand image aliases in {@code cmd} → validate → build the DAG.
 *
 * <p>The template engine is passed in as {@code render} (text → rendered text) so this package does not depend on
 * it. It must resolve secrets itself if the task has any: acb renders once with empty secrets, reads the
 * {@code secrets:} section with {@link TaskParser}, resolves them, then renders again.
 */
public final class TaskFile {
    private TaskFile() {
    }

    /**
     * A task ready to run.
     *
     * @param notes lines for the run log: the alias notice and keys ignored as unknown
     */
    public record Prepared(TaskSpec spec, Dag dag, List<String> notes) {
        public Prepared {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(dag, "dag");
            notes = List.copyOf(notes);
        }
    }

    public static Prepared prepare(String raw, AliasSources loader, Function<String, String> render) {
        return prepare(raw, loader, render, TaskDefaults.NONE, Aliases.defaults());
    }

    public static Prepared prepare(String raw, AliasSources loader, Function<String, String> render,
                                   TaskDefaults defaults, Aliases aliases) {
        var notes = new ArrayList<String>();
        // Comment lines are dropped inside process, and only when aliases are on: acb strips them on that path
        // alone, so older files reach the template engine unchanged.
        Aliases.Result substituted = aliases.process(raw, loader, render);
        if (substituted.enabled()) {
            notes.add(Aliases.ENABLED_NOTE);
        }
        String rendered = render.apply(substituted.text());
        if (rendered.isEmpty()) {
            throw new TaskSpecException("rendered template was empty");
        }
        TaskSpec spec = substituted.expandCommands(TaskParser.parse(rendered, defaults, notes));
        Validator.validate(spec);
        return new Prepared(spec, Dag.of(spec), notes);
    }
}
