package dev.slipway.cli.token;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway token list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens.")
final class TokenListCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new TokenService(common.api()).list(), TokenTables.TOKENS);
        return 0;
    }
}
