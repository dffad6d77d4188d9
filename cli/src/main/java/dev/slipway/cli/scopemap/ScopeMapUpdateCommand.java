package dev.slipway.cli.scopemap;

import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.RepositoryActions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway scope-map update -n NAME --add-repository REPO ACTION... --remove-repository REPO ACTION...}.
 * Tokens using the map get the change at once.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Add or remove actions of a scope map; tokens using it get the change at once.")
final class ScopeMapUpdateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--add-repository", paramLabel = "REPO ACTION...", parameterConsumer = RepositoryActions.Consumer.class,
            description = "Actions to add for a repository; repeatable.")
    List<List<String>> add = new ArrayList<>();

    @Option(names = "--remove-repository", paramLabel = "REPO ACTION...", parameterConsumer = RepositoryActions.Consumer.class,
            description = "Actions to remove for a repository; repeatable.")
    List<List<String>> remove = new ArrayList<>();

    @Option(names = "--description")
    String description;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (add.isEmpty() && remove.isEmpty() && description == null) {
            throw CliException.usage("nothing to update: give --add-repository, --remove-repository and/or --description");
        }
        List<String> toAdd = RepositoryActions.scopeMapActions(add, "--add-repository");
        List<String> toRemove = RepositoryActions.scopeMapActions(remove, "--remove-repository");
        common.print(new ScopeMapService(common.api()).update(name, description, toAdd, toRemove), ScopeMapTables.SCOPE_MAPS);
        return 0;
    }
}
