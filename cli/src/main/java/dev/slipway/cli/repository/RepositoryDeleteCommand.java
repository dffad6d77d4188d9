package dev.slipway.cli.repository;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway repository delete (--repository R | --image R:tag | --image R@digest) [--yes]}. An image is deleted
 * by its manifest: deleting {@code R:tag} removes the manifest and every tag pointing at it (as ACR does).
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a repository, or an image's manifest with all its tags.")
final class RepositoryDeleteCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    TargetOptions what;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Target t = what.target();
        RepositoryService repos = new RepositoryService(common.api());
        if (t.tag() == null && t.digest() == null) {
            common.confirmUnless(yes, "This deletes repository '" + t.repository() + "' with all its images.");
            common.print(repos.deleteRepository(t.repository()), null);
            return 0;
        }
        String digest = t.digest() != null ? t.digest() : repos.resolve(t.repository(), t.tag());
        common.confirmUnless(yes, "This deletes manifest " + t.repository() + "@" + digest + " and every tag pointing at it.");
        common.print(repos.deleteManifest(t.repository(), digest), null);
        return 0;
    }
}
