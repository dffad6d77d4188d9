package dev.slipway.cli.scopemap;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway scope-map show -n NAME}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a scope map and its actions.")
final class ScopeMapShowCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new ScopeMapService(common.api()).show(name), ScopeMapTables.SCOPE_MAPS);
        return 0;
    }
}
