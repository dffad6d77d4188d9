package dev.slipway.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.CliConfig;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.DockerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway credential renew --password-name password|password2}. When the CLI was logged in with the
 * renewed password, the stored login (and docker's credential) moves to the new one.
 */
@Command(name = "renew", mixinStandardHelpOptions = true, description = "Regenerate one of the admin user's passwords.")
final class CredentialRenewCommand implements Callable<Integer> {
    enum PasswordName { password, password2 }

    @Option(names = "--password-name", required = true, paramLabel = "password|password2",
            description = "Which password to regenerate: ${COMPLETION-CANDIDATES}.")
    PasswordName passwordName;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        CliConfig.Login login = common.login();
        JsonNode renewed = new RegistryService(common.api(), login).renew(passwordName.name());
        List<String> values = new ArrayList<>();
        renewed.path("passwords").forEach(p -> values.add(p.path("value").asText()));
        if (login.username().equals(renewed.path("username").asText()) && !values.contains(login.password())) {
            String fresh = RegistryTables.password(renewed, passwordName.name());
            CliConfig config = common.config();
            config.updatePassword(login, fresh);
            config.save();
            DockerConfig docker = DockerConfig.load(common.env().dockerConfigFile());
            if (docker.removeAuth(login.hostPort())) {
                docker.putAuth(login.hostPort(), login.username(), fresh);
                docker.save();
            }
            common.err().println("note: the stored login for " + login.name() + " now uses the new " + passwordName);
        }
        common.print(renewed, RegistryTables.CREDENTIALS);
        return 0;
    }
}
