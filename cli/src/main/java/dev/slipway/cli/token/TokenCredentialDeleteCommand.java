package dev.slipway.cli.token;

import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway token credential delete -n NAME --password1|--password2}: the password stops working at once. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a token's password; it stops working at once.")
final class TokenCredentialDeleteCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--password1")
    boolean password1;

    @Option(names = "--password2")
    boolean password2;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (!password1 && !password2) {
            throw CliException.usage("name the password to delete: --password1 and/or --password2");
        }
        TokenService tokens = new TokenService(common.api());
        if (password1) {
            tokens.deletePassword(name, "password1");
        }
        if (password2) {
            tokens.deletePassword(name, "password2");
        }
        common.print(tokens.show(name), TokenTables.TOKENS);
        return 0;
    }
}
