package dev.slipway.cli.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --repository REPO ACTION...} as in {@code az acr scope-map create}: each occurrence names a repository
 * (wildcards such as {@code team/*} allowed) and its actions, which become {@code repositories/REPO/ACTION}.
 */
public final class RepositoryActions {
    public static final List<String> ACTIONS = List.of("content/read", "content/write", "content/delete", "metadata/read",
            "metadata/write");

    private RepositoryActions() { }

    /** The scope-map actions for groups of {@code REPO ACTION...}; an unknown action is a usage error. */
    public static List<String> scopeMapActions(List<List<String>> groups, String option) {
        List<String> out = new ArrayList<>();
        for (List<String> g : groups) {
            String repo = g.get(0);
            if (repo.isBlank() || repo.startsWith("/") || repo.endsWith("/")) {
                throw CliException.usage(option + ": invalid repository '" + repo + "'");
            }
            for (String action : g.subList(1, g.size())) {
                String a = action.trim().toLowerCase(Locale.ROOT);
                if (!ACTIONS.contains(a)) {
                    throw CliException.usage(option + " " + repo + ": invalid action '" + action + "' (expected "
                            + String.join(", ", ACTIONS) + ")");
                }
                String full = "repositories/" + repo + "/" + a;
                if (!out.contains(full)) {
                    out.add(full);
                }
            }
        }
        return out;
    }

    /** Consumes {@code REPO ACTION...} up to the next option, so each occurrence stays a group. */
    public static final class Consumer implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec spec) {
            List<String> group = new ArrayList<>();
            while (!args.isEmpty() && (group.isEmpty() || !args.peek().startsWith("-"))) {
                group.add(args.pop());
            }
            String name = argSpec instanceof OptionSpec o ? o.longestName() : "--repository";
            if (group.size() < 2) {
                throw new ParameterException(spec.commandLine(), name
                        + " needs a repository and at least one action, e.g. " + name + " team/app content/read content/write");
            }
            List<List<String>> value = argSpec.getValue();
            List<List<String>> updated = value == null ? new ArrayList<>() : new ArrayList<>(value);
            updated.add(group);
            argSpec.setValue(updated);
        }
    }
}
