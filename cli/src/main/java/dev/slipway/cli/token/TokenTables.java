package dev.slipway.cli.token;

import static dev.slipway.cli.support.Table.col;
import static dev.slipway.cli.support.Table.field;
import static dev.slipway.cli.support.Table.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.Table;

/** Table views of tokens and of newly generated passwords ({@code Never} for a password without expiry). */
final class TokenTables {
    static final Table TOKENS = Table.of(field("NAME", "name"), field("SCOPE MAP", "scopeMapName"),
            col("PASSWORD1 EXPIRY", t -> expiry(find(t.path("credentials").path("passwords"), "password1"))),
            col("PASSWORD2 EXPIRY", t -> expiry(find(t.path("credentials").path("passwords"), "password2"))),
            field("STATUS", "status"), time("CREATION DATE", "creationDate"));

    static final Table CREDENTIALS = Table.of(field("USERNAME", "username"),
            col("PASSWORD1", c -> value(find(c.path("passwords"), "password1"))),
            col("PASSWORD1 EXPIRY", c -> expiry(find(c.path("passwords"), "password1"))),
            col("PASSWORD2", c -> value(find(c.path("passwords"), "password2"))),
            col("PASSWORD2 EXPIRY", c -> expiry(find(c.path("passwords"), "password2"))));

    /** A new token with the passwords just generated for it. */
    static final Table CREATED = Table.of(field("NAME", "name"), field("SCOPE MAP", "scopeMapName"), field("STATUS", "status"),
            col("PASSWORD1", t -> value(find(t.path("credentials").path("passwords"), "password1"))),
            col("PASSWORD1 EXPIRY", t -> expiry(find(t.path("credentials").path("passwords"), "password1"))),
            col("PASSWORD2", t -> value(find(t.path("credentials").path("passwords"), "password2"))),
            col("PASSWORD2 EXPIRY", t -> expiry(find(t.path("credentials").path("passwords"), "password2"))));

    private TokenTables() { }

    static JsonNode find(JsonNode passwords, String slot) {
        for (JsonNode p : passwords) {
            if (slot.equals(p.path("name").asText())) {
                return p;
            }
        }
        return null;
    }

    /** Empty when the token has no such password, Never when it does not expire. */
    static String expiry(JsonNode password) {
        if (password == null) {
            return "";
        }
        JsonNode e = password.get("expiry");
        return e == null || e.isNull() || e.asText().isEmpty() ? "Never" : Table.time(e.asText());
    }

    private static String value(JsonNode password) {
        return password == null ? "" : password.path("value").asText("");
    }
}
