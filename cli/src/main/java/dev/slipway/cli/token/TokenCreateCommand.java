package dev.slipway.cli.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.scopemap.ScopeMapService;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.RepositoryActions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway token create -n NAME (--scope-map MAP | --repository REPO ACTION...) [--status] [--no-passwords]
 * [--expiration-in-days N]}. With {@code --repository} the scope map {@code NAME-scope-map} is created first. Both
 * passwords are generated and shown once, unless {@code --no-passwords}.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a token; its two passwords are generated and shown once (unless --no-passwords).")
final class TokenCreateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "The token's name, which is its docker username.")
    String name;

    @Option(names = "--scope-map", paramLabel = "MAP", description = "An existing scope map.")
    String scopeMap;

    @Option(names = "--repository", paramLabel = "REPO ACTION...", parameterConsumer = RepositoryActions.Consumer.class,
            description = {"Instead of --scope-map: a repository and its actions (content/read content/write content/delete"
                    + " metadata/read metadata/write), put into a new scope map NAME-scope-map. Repeatable."})
    List<List<String>> repositories = new ArrayList<>();

    @Option(names = "--status", paramLabel = "enabled|disabled", description = "Default: enabled.")
    TokenStatus status;

    @Option(names = "--no-passwords", description = "Do not generate passwords now.")
    boolean noPasswords;

    @Option(names = "--expiration-in-days", paramLabel = "N", description = "The passwords expire after N days (default: never).")
    Integer expirationInDays;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if ((scopeMap == null) == repositories.isEmpty()) {
            throw CliException.usage("give either --scope-map MAP or --repository REPO ACTION...");
        }
        if (noPasswords && expirationInDays != null) {
            throw CliException.usage("--expiration-in-days needs passwords: drop --no-passwords");
        }
        List<String> actions = RepositoryActions.scopeMapActions(repositories, "--repository");
        Api api = common.api();
        TokenService tokens = new TokenService(api);
        String map = scopeMap;
        ScopeMapService maps = new ScopeMapService(api);
        if (map == null) {
            map = name + "-scope-map";
            maps.create(map, "Token " + name + "'s permissions", actions);
        }
        JsonNode token;
        try {
            token = tokens.create(name, map, status == null ? null : status.name());
        } catch (CliException e) {
            if (scopeMap == null) {
                try {
                    maps.delete(map);
                } catch (CliException ignored) {
                    // the token's failure is the error to report
                }
            }
            throw e;
        }
        if (noPasswords) {
            common.print(token, TokenTables.TOKENS);
            return 0;
        }
        JsonNode generated = tokens.generate(name, true, true, expirationInDays);
        common.print(withValues(tokens.show(name), generated), TokenTables.CREATED);
        common.err().println("note: store the passwords safely, they are not shown again; use them with: docker login "
                + common.login().hostPort() + " -u " + name + " --password-stdin");
        return 0;
    }

    /** The token as shown, with each new password's value added to its entry. */
    static JsonNode withValues(JsonNode token, JsonNode generated) {
        ObjectNode t = token.deepCopy();
        JsonNode passwords = t.path("credentials").path("passwords");
        if (passwords instanceof ArrayNode list) {
            for (JsonNode p : list) {
                JsonNode g = TokenTables.find(generated.path("passwords"), p.path("name").asText());
                if (g != null && p instanceof ObjectNode o) {
                    o.set("value", g.path("value"));
                }
            }
        }
        return t;
    }
}
