package dev.slipway.cli.scopemap;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway scope-map delete -n NAME [--yes]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a scope map that no token uses.")
final class ScopeMapDeleteCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.login();
        common.confirmUnless(yes, "Deleting scope map '" + name + "'.");
        new ScopeMapService(common.api()).delete(name);
        return 0;
    }
}
