package dev.slipway.cli.repository;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway repository list}: the repositories the caller may see. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the repositories.")
final class RepositoryListCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.print(new RepositoryService(common.api()).list(), null);
        return 0;
    }
}
