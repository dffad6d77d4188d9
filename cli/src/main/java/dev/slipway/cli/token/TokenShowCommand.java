package dev.slipway.cli.token;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway token show -n NAME}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a token (never its password values).")
final class TokenShowCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new TokenService(common.api()).show(name), TokenTables.TOKENS);
        return 0;
    }
}
