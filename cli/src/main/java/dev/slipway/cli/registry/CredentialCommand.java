package dev.slipway.cli.registry;

import picocli.CommandLine.Command;

/** {@code slipway credential show|renew}: the admin user's credentials. */
@Command(name = "credential", mixinStandardHelpOptions = true, description = "Show or renew the admin user's passwords.",
        subcommands = {CredentialShowCommand.class, CredentialRenewCommand.class})
public final class CredentialCommand {
}
