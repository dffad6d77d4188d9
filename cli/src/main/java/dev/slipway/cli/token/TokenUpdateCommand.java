package dev.slipway.cli.token;

import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway token update -n NAME [--scope-map MAP] [--status enabled|disabled]}. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Give a token another scope map, or enable or disable it (a disabled token cannot log in).")
final class TokenUpdateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--scope-map", paramLabel = "MAP")
    String scopeMap;

    @Option(names = "--status", paramLabel = "enabled|disabled")
    TokenStatus status;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (scopeMap == null && status == null) {
            throw CliException.usage("nothing to update: give --scope-map and/or --status");
        }
        common.print(new TokenService(common.api()).update(name, scopeMap, status == null ? null : status.name()), TokenTables.TOKENS);
        return 0;
    }
}
