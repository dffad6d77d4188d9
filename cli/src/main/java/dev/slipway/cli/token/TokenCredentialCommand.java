package dev.slipway.cli.token;

import picocli.CommandLine.Command;

/** {@code slipway token credential generate|delete}. */
@Command(name = "credential", mixinStandardHelpOptions = true, description = "Generate or delete a token's passwords.",
        subcommands = {TokenCredentialGenerateCommand.class, TokenCredentialDeleteCommand.class})
final class TokenCredentialCommand {
}
