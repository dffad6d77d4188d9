package dev.slipway.cli.registry;

import static dev.slipway.cli.support.Table.col;
import static dev.slipway.cli.support.Table.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.Table;

/** Table views of the registry and its admin credentials. */
final class RegistryTables {
    static final Table SETTINGS = Table.of(field("NAME", "name"), field("LOGIN SERVER", "loginServer"),
            field("ADMIN ENABLED", "adminUserEnabled"), field("ANONYMOUS PULL ENABLED", "anonymousPullEnabled"));

    static final Table CREDENTIALS = Table.of(field("USERNAME", "username"), col("PASSWORD", n -> password(n, "password")),
            col("PASSWORD2", n -> password(n, "password2")));

    private RegistryTables() { }

    static String password(JsonNode credentials, String name) {
        for (JsonNode p : credentials.path("passwords")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("value").asText("");
            }
        }
        return "";
    }
}
