package dev.slipway.cli.repository;

import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway repository untag --image R:tag}: removes the tag, keeps the manifest. */
@Command(name = "untag", mixinStandardHelpOptions = true, description = "Remove a tag; the manifest stays.")
final class RepositoryUntagCommand implements Callable<Integer> {
    @Option(names = "--image", required = true, paramLabel = "R:TAG")
    String image;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Target t = Target.image(image);
        if (t.tag() == null) {
            throw CliException.usage("--image " + image + ": untag needs REPOSITORY:TAG");
        }
        new RepositoryService(common.api()).untag(t);
        return 0;
    }
}
