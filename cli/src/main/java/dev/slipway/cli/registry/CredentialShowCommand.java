package dev.slipway.cli.registry;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway credential show}: the admin user's name and both passwords. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the admin user's name and passwords.")
final class CredentialShowCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new RegistryService(common.api(), common.login()).credentials(), RegistryTables.CREDENTIALS);
        return 0;
    }
}
