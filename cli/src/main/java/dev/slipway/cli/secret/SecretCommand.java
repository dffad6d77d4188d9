package dev.slipway.cli.secret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Json;
import dev.slipway.cli.support.Stdin;
import dev.slipway.cli.support.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway secret set|list|delete}: the built-in secret store that stands in for Key Vault. Task files'
 * {@code secrets: [{id, keyvault: https://<vault>.vault.azure.net/secrets/<name>}]} and task credentials resolve
 * {@code <name>} here.
 */
@Command(name = "secret", mixinStandardHelpOptions = true, description = "The built-in secret store (values encrypted at rest).",
        subcommands = {SecretCommand.Set.class, SecretCommand.ListCommand.class, SecretCommand.Delete.class})
public final class SecretCommand {
    static final Table SECRETS = Table.of(Table.field("NAME", "name"), Table.time("CREATED", "createdTime"),
            Table.time("UPDATED", "updatedTime"));

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Create or replace a secret.")
    static final class Set implements Callable<Integer> {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--value", paramLabel = "VALUE", description = "The value (prefer --value-stdin: arguments show in ps).")
        String value;

        @Option(names = "--value-stdin", description = "Read the value from standard input.")
        boolean stdin;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.output();
            if ((value == null) == !stdin) {
                throw CliException.usage("give the value with --value VALUE or --value-stdin");
            }
            String v = stdin ? Stdin.readAll(common.env().stdin()) : value;
            JsonNode r = common.api().put("/api/secrets/" + Api.seg(name), Json.object().put("value", v));
            common.print(r, SECRETS);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the secrets (names and dates, never values).")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.output();
            common.print(common.api().get("/api/secrets"), SECRETS);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a secret.")
    static final class Delete implements Callable<Integer> {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
        String name;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
        boolean yes;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.login();
            common.confirmUnless(yes, "Deleting secret '" + name + "'.");
            common.api().delete("/api/secrets/" + Api.seg(name));
            return 0;
        }
    }
}
