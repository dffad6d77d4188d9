package dev.slipway.cli.login;

import dev.slipway.cli.support.CliConfig;
import dev.slipway.cli.support.EnvHolder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway logout [NAME|HOST:PORT]}: forgets the credentials in slipway's and docker's configs. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Forget the credentials of a registry (default: the default registry) in slipway's and docker's configs.")
public final class LogoutCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME|HOST:PORT")
    String server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logins logins = new Logins(((EnvHolder) spec.root().userObject()).env(), spec.commandLine().getErr());
        CliConfig.Login l = logins.logout(server);
        spec.commandLine().getOut().println("Removing login credentials for " + l.hostPort());
        return 0;
    }
}
