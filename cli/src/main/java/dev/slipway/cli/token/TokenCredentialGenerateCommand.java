package dev.slipway.cli.token;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway token credential generate -n NAME [--password1] [--password2] [--expiration-in-days N]}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate (or regenerate) a token's passwords; both unless one is named. Shown only now.")
final class TokenCredentialGenerateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--password1")
    boolean password1;

    @Option(names = "--password2")
    boolean password2;

    @Option(names = "--expiration-in-days", paramLabel = "N", description = "The new passwords expire after N days (default: never).")
    Integer expirationInDays;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new TokenService(common.api()).generate(name, password1, password2, expirationInDays), TokenTables.CREDENTIALS);
        common.err().println("note: store the passwords safely, they are not shown again");
        return 0;
    }
}
