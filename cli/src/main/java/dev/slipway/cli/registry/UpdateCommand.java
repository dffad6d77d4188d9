package dev.slipway.cli.registry;

import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway update --admin-enabled true|false --anonymous-pull-enabled true|false}. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Change the registry's settings.")
public final class UpdateCommand implements Callable<Integer> {
    @Option(names = "--admin-enabled", arity = "1", paramLabel = "true|false",
            description = "Whether the admin user may log in with docker (the management API always accepts it).")
    Boolean adminEnabled;

    @Option(names = "--anonymous-pull-enabled", arity = "1", paramLabel = "true|false",
            description = "Whether anyone may pull without logging in.")
    Boolean anonymousPullEnabled;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (adminEnabled == null && anonymousPullEnabled == null) {
            throw CliException.usage("nothing to update: give --admin-enabled and/or --anonymous-pull-enabled");
        }
        common.print(new RegistryService(common.api(), common.login()).update(adminEnabled, anonymousPullEnabled),
                RegistryTables.SETTINGS);
        return 0;
    }
}
