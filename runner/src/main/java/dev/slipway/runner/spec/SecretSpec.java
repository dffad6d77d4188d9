package dev.slipway.runner.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * A task-level secret ({@code secrets: [{id, keyvault, clientID}]}), resolved before rendering and exposed to the
 * template as {@code {{.Secrets.<id>}}}. The keyvault URL names where the value lives; {@code clientID} is the
 * user-assigned identity that may read it (acb's secretmgmt.Secret).
 */
public record SecretSpec(String id, Optional<String> keyvault, Optional<String> clientID) {
    public SecretSpec {
        Objects.requireNonNull(id, "id");
        keyvault = Specs.blankToEmpty(keyvault);
        clientID = Specs.blankToEmpty(clientID);
    }

    public static SecretSpec keyvault(String id, String keyvaultUrl) {
        return new SecretSpec(id, Optional.of(keyvaultUrl), Optional.empty());
    }
}
