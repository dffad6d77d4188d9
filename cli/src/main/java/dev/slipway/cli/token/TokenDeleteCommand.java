package dev.slipway.cli.token;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway token delete -n NAME [--yes]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a token; its passwords stop working at once.")
final class TokenDeleteCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.login();
        common.confirmUnless(yes, "Deleting token '" + name + "'.");
        new TokenService(common.api()).delete(name);
        return 0;
    }
}
