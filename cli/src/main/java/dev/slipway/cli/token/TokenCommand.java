package dev.slipway.cli.token;

import picocli.CommandLine.Command;

/** {@code slipway token create|update|show|list|delete|credential}. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Manage repository-scoped tokens: docker usernames whose rights come from a scope map.",
        subcommands = {TokenCreateCommand.class, TokenUpdateCommand.class, TokenShowCommand.class, TokenListCommand.class,
                TokenDeleteCommand.class, TokenCredentialCommand.class})
public final class TokenCommand {
}
