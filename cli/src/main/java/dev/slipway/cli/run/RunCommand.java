package dev.slipway.cli.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code slipway run}: {@code az acr run} — a task file or a single {@code --cmd} with a local directory as context
 * (uploaded; {@code -f} and {@code --values} are then paths inside it) or none ({@code /dev/null}: the files are read
 * here).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Queue a quick run of a task file (acb.yaml) or of one command, and stream its log.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", description = "A local directory, a Git URL (https://…/repo.git#ref:folder), a tarball URL, oci://registry/repo:tag, or /dev/null for no context.")
    String source;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The task file (default acb.yaml; - reads stdin).")
    String file;

    @Option(names = "--cmd", paramLabel = "COMMAND", description = "Run this one command instead of a task file.")
    String cmd;

    @Option(names = "--values", paramLabel = "FILE", description = "A values file for {{.Values.*}}.")
    String values;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A value (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--set-secret", paramLabel = "NAME=VALUE", description = "A value masked in the log (repeatable).")
    List<String> secretSets = new ArrayList<>();

    @Mixin
    QueuedRun queued;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.output();
        if (cmd != null && file != null) {
            throw CliException.usage("--cmd and -f/--file cannot be used together");
        }
        ObjectNode request = Json.object().put("runType", "QuickRun");
        boolean noContext = source.equals("/dev/null");
        if (cmd != null) {
            request.put("cmd", cmd);
        } else if ("-".equals(file)) {
            request.put("taskFileContent", new String(common.env().stdin().readAllBytes(), StandardCharsets.UTF_8));
        } else if (noContext) {
            if (file == null) {
                throw CliException.usage("without a context, give the task file with -f FILE (or - for stdin) or use --cmd");
            }
            request.put("taskFileContent", read(file));
        } else {
            request.put("taskFilePath", file == null ? "acb.yaml" : file);
        }
        if (values != null) {
            if (noContext) {
                request.put("valuesContent", read(values));
            } else {
                request.put("valuesFilePath", values);
            }
        }
        ArrayNode set = request.putArray("values");
        sets.forEach(s -> set.add(value(s, false)));
        secretSets.forEach(s -> set.add(value(s, true)));
        if (queued.timeout != null) {
            request.put("timeout", queued.timeout);
        }
        if (queued.platform != null) {
            request.put("platform", queued.platform);
        }
        RunService runs = new RunService(common.api());
        if (noContext) {
            request.put("sourceLocation", "/dev/null");
        } else if (ContextArchive.isRemote(source)) {
            request.put("sourceLocation", source); // Git, tarball URL or oci://: the server fetches it
        } else {
            Path archive = ContextArchive.create(Path.of(source), null);
            try {
                request.put("sourceLocation", runs.upload(archive));
            } finally {
                Files.deleteIfExists(archive);
            }
        }
        return queued.follow(common, runs.create(request), "run");
    }

    private static String read(String path) throws IOException {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw CliException.usage("cannot read " + path);
        }
        return Files.readString(p);
    }

    private static ObjectNode value(String text, boolean secret) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw CliException.usage("expected NAME=VALUE, not '" + text + "'");
        }
        return Json.object().put("name", text.substring(0, eq)).put("value", text.substring(eq + 1)).put("isSecret", secret);
    }
}
