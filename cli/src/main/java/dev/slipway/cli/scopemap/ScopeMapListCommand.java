package dev.slipway.cli.scopemap;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway scope-map list}: system and user-defined maps. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the scope maps (system and user-defined).")
final class ScopeMapListCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new ScopeMapService(common.api()).list(), ScopeMapTables.SCOPE_MAPS);
        return 0;
    }
}
