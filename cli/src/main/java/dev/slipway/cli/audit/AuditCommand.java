package dev.slipway.cli.audit;

import picocli.CommandLine.Command;

/** {@code slipway audit list}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit log: logins that failed and every change to credentials, tokens, scope maps and settings.",
        subcommands = AuditListCommand.class)
public final class AuditCommand {
}
