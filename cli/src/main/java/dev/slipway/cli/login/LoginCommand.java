package dev.slipway.cli.login;

import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.Env;
import dev.slipway.cli.support.EnvHolder;
import dev.slipway.cli.support.Stdin;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway login HOST:PORT -u USER (-p PASS | --password-stdin) [--name NAME] [--tls] [--ca-file PEM]}. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to a registry: checks the credentials, stores them for slipway (the last login becomes the"
                + " default registry) and for docker ($DOCKER_CONFIG/config.json)."})
public final class LoginCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The registry, e.g. localhost:5000.")
    String server;

    @Option(names = {"-u", "--username"}, required = true, paramLabel = "USER", description = "The admin user or a token name.")
    String username;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Password password;

    static final class Password {
        @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "The password (prefer --password-stdin).")
        String value;

        @Option(names = "--password-stdin", description = "Read the password from standard input.")
        boolean stdin;
    }

    @Option(names = "--name", paramLabel = "NAME", description = "A name for this registry in slipway's config (default: HOST:PORT).")
    String name;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the certificates in this PEM file (a private CA,"
            + " or the registry's own self-signed certificate) for this registry; kept for later commands. Default: $SLIPWAY_CA_FILE.")
    Path caFile;

    @Option(names = "--tls", description = "Use https (default: https when it answers, else http; loopback addresses try http first).")
    boolean tls;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Env env = ((EnvHolder) spec.root().userObject()).env();
        Logins.hostPort(server);
        String pw = password.stdin ? Stdin.readAll(env.stdin()) : password.value;
        if (pw == null || pw.isEmpty()) {
            throw CliException.usage("the password is empty");
        }
        if (!password.stdin) {
            spec.commandLine().getErr().println("warning: a password on the command line may be seen by others; prefer --password-stdin");
        }
        Logins.Result r = new Logins(env, spec.commandLine().getErr()).login(server, name, username, pw, tls, caFile);
        spec.commandLine().getOut().println("Login Succeeded" + (r.login().name().equals(r.login().hostPort()) ? ""
                : " (registry '" + r.login().name() + "', " + r.login().hostPort() + ")"));
        return 0;
    }
}
