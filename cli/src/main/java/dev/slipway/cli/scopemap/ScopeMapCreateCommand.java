package dev.slipway.cli.scopemap;

import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.RepositoryActions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway scope-map create -n NAME --repository REPO ACTION... [--description D]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a scope map.")
final class ScopeMapCreateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "5-50 letters, digits or '-'.")
    String name;

    @Option(names = "--repository", required = true, paramLabel = "REPO ACTION...",
            parameterConsumer = RepositoryActions.Consumer.class,
            description = {"A repository (wildcards like team/* allowed) and its actions: content/read content/write"
                    + " content/delete metadata/read metadata/write. Repeat for more repositories."})
    List<List<String>> repositories = new ArrayList<>();

    @Option(names = "--description", description = "At most 256 characters.")
    String description;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<String> actions = RepositoryActions.scopeMapActions(repositories, "--repository");
        common.print(new ScopeMapService(common.api()).create(name, description, actions), ScopeMapTables.SCOPE_MAPS);
        return 0;
    }
}
