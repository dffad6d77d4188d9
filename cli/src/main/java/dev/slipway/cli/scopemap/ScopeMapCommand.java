package dev.slipway.cli.scopemap;

import picocli.CommandLine.Command;

/** {@code slipway scope-map create|update|show|list|delete}. */
@Command(name = "scope-map", mixinStandardHelpOptions = true,
        description = "Manage scope maps: named sets of repository actions that tokens are given.",
        subcommands = {ScopeMapCreateCommand.class, ScopeMapUpdateCommand.class, ScopeMapShowCommand.class,
                ScopeMapListCommand.class, ScopeMapDeleteCommand.class})
public final class ScopeMapCommand {
}
