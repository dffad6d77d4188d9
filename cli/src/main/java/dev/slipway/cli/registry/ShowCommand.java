package dev.slipway.cli.registry;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway show}: the registry's settings. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the registry's settings.")
public final class ShowCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new RegistryService(common.api(), common.login()).show(), RegistryTables.SETTINGS);
        return 0;
    }
}
