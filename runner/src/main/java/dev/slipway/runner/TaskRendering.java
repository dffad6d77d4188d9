package dev.slipway.runner;

import dev.slipway.runner.spec.AliasSources;
import dev.slipway.runner.spec.Aliases;
import dev.slipway.runner.spec.SecretSpec;
import dev.slipway.runner.spec.TaskDefaults;
import dev.slipway.runner.spec.TaskFile;
import dev.slipway.runner.spec.TaskParser;
import dev.slipway.runner.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a task file into a runnable spec: acb's pipeline with our template engine plugged in. Secrets are resolved
 * between two renders, as acb does: the first render (with empty secrets) only serves to read the
 * {@code secrets:} section.
 */
public final class TaskRendering {
    /** Resolves one secret of the task file to its value (the secret store, or a Key Vault URL's last segment). */
    @FunctionalInterface
    public interface SecretResolver {
        String resolve(SecretSpec secret);
    }

    /**
     * A prepared task and the secret values it resolved, which the run log must mask.
     */
    public record Result(TaskFile.Prepared prepared, Map<String, String> secrets) {
        public Result {
            secrets = Map.copyOf(secrets);
        }
    }

    private TaskRendering() {
    }

    public static Result prepare(String name, String raw, RunVariables run, Map<String, Object> values,
                                 SecretResolver secrets, AliasSources aliases, TaskDefaults defaults) {
        Map<String, String> resolved = new LinkedHashMap<>();
        if (raw.contains("secrets")) {
            String firstPass = render(name, raw, run, values, Map.of(), aliases);
            for (SecretSpec s : TaskParser.parse(firstPass, defaults, new ArrayList<>()).secrets()) {
                resolved.put(s.id(), secrets.resolve(s));
            }
        }
        Function<String, String> render = text -> Template.parse(name, text).render(data(run, values, resolved));
        TaskFile.Prepared prepared = TaskFile.prepare(raw, aliases, render, defaults, Aliases.defaults());
        return new Result(prepared, resolved);
    }

    private static String render(String name, String raw, RunVariables run, Map<String, Object> values,
                                 Map<String, String> secrets, AliasSources aliases) {
        Aliases.Result substituted = Aliases.defaults().process(raw, aliases,
                text -> Template.parse(name, text).render(data(run, values, secrets)));
        return Template.parse(name, substituted.text()).render(data(run, values, secrets));
    }

    static Map<String, Object> data(RunVariables run, Map<String, Object> values, Map<String, String> secrets) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("Run", run.toMap());
        root.put("Build", Map.of("ID", run.toMap().get("ID")));
        root.put("Values", values);
        root.put("Secrets", new LinkedHashMap<>(secrets));
        return root;
    }

    /** The values a run log must never show. */
    public static List<String> maskable(Result result) {
        return result.secrets().values().stream().filter(v -> v != null && !v.isEmpty()).toList();
    }
}
