package dev.slipway.runner.scan;

import java.util.List;

/**
 * The base images one Docker build uses: what base-image update triggers watch.
 *
 * @param runtime   the origin image of the final (or {@code --target}) stage; null when that stage starts
 *                  {@code FROM scratch}, since there is nothing to watch
 * @param buildtime every other distinct image the build pulls (other stages' bases, {@code COPY --from=<image>},
 *                  {@code RUN --mount=from=<image>}), in the order they appear
 */
public record Dependencies(ImageReference runtime, List<ImageReference> buildtime) {

    public Dependencies {
        buildtime = List.copyOf(buildtime);
    }
}
