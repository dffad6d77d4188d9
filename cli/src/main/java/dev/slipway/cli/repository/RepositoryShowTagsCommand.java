package dev.slipway.cli.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway repository show-tags --repository R [--orderby time_asc|time_desc] [--top N] [--detail]}. */
@Command(name = "show-tags", mixinStandardHelpOptions = true, description = "List a repository's tags.")
final class RepositoryShowTagsCommand implements Callable<Integer> {
    enum Order { time_asc, time_desc }

    @Option(names = "--repository", required = true, paramLabel = "REPOSITORY")
    String repository;

    @Option(names = "--orderby", paramLabel = "time_asc|time_desc", description = "Order by last update (default: by name).")
    Order orderby;

    @Option(names = "--top", paramLabel = "N", description = "At most N tags.")
    Integer top;

    @Option(names = "--detail", description = "Each tag's digest, times and attributes, not just its name.")
    boolean detail;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (top != null && top < 1) {
            throw CliException.usage("--top must be at least 1");
        }
        Target t = Target.repository(repository);
        String order = orderby == null ? null : orderby == Order.time_asc ? "timeasc" : "timedesc";
        ArrayNode tags = new RepositoryService(common.api()).tags(t.repository(), order, top);
        if (detail) {
            common.print(tags, null);
        } else {
            ArrayNode names = Json.array();
            for (JsonNode tag : tags) {
                names.add(tag.path("name").asText());
            }
            common.print(names, null);
        }
        return 0;
    }
}
