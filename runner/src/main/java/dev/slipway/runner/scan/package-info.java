/**
 * Dockerfile dependency scanning (acb's {@code scan} package): which base images a build uses, so that base-image
 * update triggers know what to watch. Public surface: {@link dev.slipway.runner.scan.DockerfileScanner},
 * {@link dev.slipway.runner.scan.DockerBuildCommand}, {@link dev.slipway.runner.scan.Tags},
 * {@link dev.slipway.runner.scan.DependencyReport}, {@link dev.slipway.runner.scan.ImageReference}, the records they
 * return and {@link dev.slipway.runner.scan.ScanException}; the lexer and word expansion are package-private.
 */
package dev.slipway.runner.scan;
