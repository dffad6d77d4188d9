package dev.slipway.cli;

import dev.slipway.cli.audit.AuditCommand;
import dev.slipway.cli.login.LoginCommand;
import dev.slipway.cli.login.LogoutCommand;
import dev.slipway.cli.registry.CredentialCommand;
import dev.slipway.cli.registry.ShowCommand;
import dev.slipway.cli.registry.UpdateCommand;
import dev.slipway.cli.repository.RepositoryCommand;
import dev.slipway.cli.run.BuildCommand;
import dev.slipway.cli.run.RunCommand;
import dev.slipway.cli.task.TaskCommand;
import dev.slipway.cli.secret.SecretCommand;
import dev.slipway.cli.scopemap.ScopeMapCommand;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.Env;
import dev.slipway.cli.support.EnvHolder;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import dev.slipway.cli.token.TokenCommand;

/** The {@code slipway} command line. {@link #run} returns the exit code so commands are testable in-process. */
@Command(name = "slipway", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A self-hosted container registry with a build-and-patch engine.",
        subcommands = {ServeCommand.class, LoginCommand.class, LogoutCommand.class, ShowCommand.class, UpdateCommand.class,
                CredentialCommand.class, ScopeMapCommand.class, TokenCommand.class, RepositoryCommand.class, AuditCommand.class,
                BuildCommand.class, RunCommand.class, TaskCommand.class, SecretCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements EnvHolder {
    private final Env env;

    Main(Env env) {
        this.env = env;
    }

    @Override
    public Env env() {
        return env;
    }

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (args.length == 0 || !args[0].equals("serve")) {
            dev.slipway.cli.support.Api.shutdownNow();
        }
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Env.system(), out, err, args);
    }

    /** Runs with the given environment (config locations, home, stdin): tests pass temporary ones. */
    public static int run(Env env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code = e instanceof CliException c ? c.exitCode() : CliException.FAILED;
            commandLine.getErr().println("error: " + oneLine(e));
            commandLine.getErr().flush();
            return code;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + oneLine(e));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            c.getErr().flush();
            return CliException.USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        String one = m.strip().replaceAll("\\s*\\R\\s*", " ");
        return one.startsWith("Error: ") ? one.substring(7) : one;
    }
}
