package dev.slipway.cli.repository;

import picocli.CommandLine.Command;

/** {@code slipway repository list|show|update|show-tags|untag|delete}. */
@Command(name = "repository", mixinStandardHelpOptions = true,
        description = "Repositories, tags and manifests: list, show, lock (update), untag, delete.",
        subcommands = {RepositoryListCommand.class, RepositoryShowCommand.class, RepositoryUpdateCommand.class,
                RepositoryShowTagsCommand.class, RepositoryUntagCommand.class, RepositoryDeleteCommand.class})
public final class RepositoryCommand {
}
