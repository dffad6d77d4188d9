package dev.slipway.cli.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway repository update (--repository R | --image R:tag | --image R@digest) [--write-enabled]
 * [--delete-enabled] [--read-enabled] [--list-enabled]}: locks, as {@code az acr repository update}.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Lock or unlock a repository, tag or manifest (write-enabled false makes it immutable).")
final class RepositoryUpdateCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    TargetOptions what;

    @Option(names = "--write-enabled", arity = "1", paramLabel = "true|false", description = "false: no overwrite, no delete.")
    Boolean writeEnabled;

    @Option(names = "--delete-enabled", arity = "1", paramLabel = "true|false", description = "false: no delete.")
    Boolean deleteEnabled;

    @Option(names = "--read-enabled", arity = "1", paramLabel = "true|false", description = "false: no pull.")
    Boolean readEnabled;

    @Option(names = "--list-enabled", arity = "1", paramLabel = "true|false", description = "false: hidden from listings.")
    Boolean listEnabled;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Target t = what.target();
        ObjectNode attrs = Json.object();
        if (writeEnabled != null) {
            attrs.put("writeEnabled", writeEnabled);
        }
        if (deleteEnabled != null) {
            attrs.put("deleteEnabled", deleteEnabled);
        }
        if (readEnabled != null) {
            attrs.put("readEnabled", readEnabled);
        }
        if (listEnabled != null) {
            attrs.put("listEnabled", listEnabled);
        }
        if (attrs.isEmpty()) {
            throw CliException.usage("nothing to update: give --write-enabled, --delete-enabled, --read-enabled and/or --list-enabled");
        }
        common.print(new RepositoryService(common.api()).update(t, attrs), RepositoryTables.forTarget(t));
        return 0;
    }
}
