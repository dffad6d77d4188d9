package dev.slipway.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every registry command has ({@code -r}, {@code -o}, {@code --query}) and what they give: the
 * logged-in registry's {@link Api} and the output printer. Used as a picocli mixin.
 */
public final class CommonOptions {
    @Option(names = {"-r", "--registry"}, paramLabel = "NAME|HOST:PORT",
            description = "The registry (a login name or host:port); default: the last one logged in to.")
    String registry;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: json).")
    Output.Format format = Output.Format.json;

    @Option(names = "--query", paramLabel = "JMESPATH", description = "A JMESPath query applied to the JSON result.")
    String query;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Output output;
    private CliConfig config;
    private CliConfig.Login login;

    public Env env() {
        return ((EnvHolder) spec.root().userObject()).env();
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The output options, checked; call before making changes so a bad --query changes nothing. */
    public Output output() {
        if (output == null) {
            output = Output.of(format, query);
        }
        return output;
    }

    public CliConfig config() {
        if (config == null) {
            config = CliConfig.load(env().cliConfigFile());
        }
        return config;
    }

    /** The registry chosen with -r, else the default one; an error when not logged in. */
    public CliConfig.Login login() {
        if (login == null) {
            output();
            if (registry != null) {
                login = config().find(registry).orElseThrow(() -> CliException.failed(
                        "not logged in to " + registry + ": run 'slipway login " + CliConfig.stripScheme(registry) + "' first"));
            } else {
                login = config().defaultLogin().orElseThrow(() -> CliException.failed(
                        "no registry selected: run 'slipway login HOST' first"));
            }
        }
        return login;
    }

    /** A client for the chosen registry. */
    public Api api() {
        return Api.of(login(), env());
    }

    /** Prints a result in the chosen format; {@code table} is the command's table view (null: the generic one). */
    public void print(JsonNode result, Table table) {
        String text = output().render(result, table);
        out().print(text);
        out().flush();
    }

    /** A yes/no question on stderr, answered on stdin; true only for y or yes. */
    public boolean confirm(String question) {
        err().print(question + " Are you sure you want to continue? (y/n): ");
        err().flush();
        String answer = Stdin.readLine(env().stdin());
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    /** Unless {@code yes}, asks first; a "no" (or no answer) cancels the command. */
    public void confirmUnless(boolean yes, String question) {
        if (!yes && !confirm(question)) {
            throw CliException.failed("cancelled (pass --yes to skip the question)");
        }
    }
}
