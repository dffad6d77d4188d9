package dev.slipway.cli.repository;

import picocli.CommandLine.Option;

/** {@code --repository R | --image R:tag | --image R@digest} (an exclusive group). */
final class TargetOptions {
    @Option(names = "--repository", paramLabel = "REPOSITORY", required = true, description = "A repository.")
    String repository;

    @Option(names = "--image", paramLabel = "R:TAG|R@DIGEST", required = true, description = "A tag or a manifest.")
    String image;

    Target target() {
        return repository != null ? Target.repository(repository) : Target.image(image);
    }
}
