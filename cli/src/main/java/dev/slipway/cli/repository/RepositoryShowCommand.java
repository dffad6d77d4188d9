package dev.slipway.cli.repository;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway repository show --repository R | --image R:tag | --image R@digest}: metadata and locks. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a repository, tag or manifest with its changeable attributes (locks).")
final class RepositoryShowCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    TargetOptions what;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Target t = what.target();
        common.print(new RepositoryService(common.api()).show(t), RepositoryTables.forTarget(t));
        return 0;
    }
}
