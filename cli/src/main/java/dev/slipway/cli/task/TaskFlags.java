package dev.slipway.cli.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.run.RunService;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The flags {@code task create} and {@code task update} share, turned into the task JSON: a Dockerfile
 * {@code -f} makes a Docker build step, a {@code .yaml}/{@code .yml} one a file task read from the context,
 * {@code --cmd} (or {@code -f} with the {@code /dev/null} context) an encoded task.
 */
final class TaskFlags {
    @Option(names = {"-c", "--context"}, paramLabel = "CONTEXT",
            description = "A local directory (uploaded now: the task keeps this snapshot), a git URL, a tarball URL, oci://… or /dev/null.")
    String context;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A Dockerfile (build task) or a .yaml/.yml task file, relative to the context.")
    String file;

    @Option(names = "--cmd", paramLabel = "COMMAND", description = "Run this one command (an encoded task, no context needed).")
    String cmd;

    @Option(names = {"-t", "--image"}, paramLabel = "IMAGE", description = "Image to build and push (repeatable).")
    List<String> images;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "A build argument (repeatable).")
    List<String> args;

    @Option(names = "--secret-arg", paramLabel = "NAME=VALUE", description = "A secret build argument (repeatable).")
    List<String> secretArgs;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A value (repeatable).")
    List<String> sets;

    @Option(names = "--set-secret", paramLabel = "NAME=VALUE", description = "A secret value (repeatable).")
    List<String> secretSets;

    @Option(names = "--values", paramLabel = "FILE", description = "A values file (in the context; a local file for /dev/null).")
    String values;

    @Option(names = "--target", paramLabel = "STAGE", description = "The build stage to build.")
    String target;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "The platform (default linux/amd64).")
    String platform;

    @Option(names = "--cpu", paramLabel = "N", description = "CPUs of the agent (default 2).")
    Integer cpu;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The run timeout (default 3600).")
    Integer timeout;

    @Option(names = "--status", paramLabel = "Enabled|Disabled", description = "Enabled (default) or Disabled.")
    String status;

    @Option(names = "--no-push", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Do not push the images.")
    Boolean noPush;

    @Option(names = "--no-cache", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", description = "Do not use the build cache.")
    Boolean noCache;

    @Option(names = "--git-access-token", paramLabel = "TOKEN", description = "A token for a private git context.")
    String gitToken;

    /** The task JSON (create) or merge patch (update) for these flags. */
    ObjectNode body(CommonOptions common, boolean create) throws IOException {
        if (cmd != null && file != null) {
            throw CliException.usage("--cmd and -f/--file cannot be used together");
        }
        if (create && context == null && cmd == null) {
            throw CliException.usage("-c/--context is required unless --cmd is given (use /dev/null for no context)");
        }
        ObjectNode body = Json.object();
        if (status != null) {
            body.put("status", status);
        }
        if (platform != null) {
            body.put("platform", platform);
        }
        if (cpu != null) {
            body.putObject("agentConfiguration").put("cpu", cpu);
        }
        if (timeout != null) {
            body.put("timeout", timeout);
        }
        ObjectNode step = body.putObject("step");
        boolean noContext = "/dev/null".equals(context) || (context == null && cmd != null && create);
        String type = type(create, noContext);
        if (type != null) {
            step.put("type", type);
        }
        if (cmd != null) {
            step.put("cmd", cmd);
        } else if (file != null && "EncodedTask".equals(type)) {
            step.put("encodedTaskContent", base64(read(file)));
        } else if (file != null) {
            step.put("Docker".equals(type) ? "dockerFilePath" : "taskFilePath", file);
        }
        if (context != null) {
            step.put("contextPath", new RunService(common.api()).sourceLocation(context,
                    "Docker".equals(type) ? (file == null ? "Dockerfile" : file) : null, common.err()));
        } else if (create) {
            step.put("contextPath", "/dev/null");
        }
        if (gitToken != null) {
            step.put("contextAccessToken", gitToken);
        }
        if (images != null) {
            ArrayNode names = step.putArray("imageNames");
            images.forEach(names::add);
        }
        if (args != null || secretArgs != null) {
            pairs(step.putArray("arguments"), args, secretArgs);
        }
        if (sets != null || secretSets != null) {
            pairs(step.putArray("values"), sets, secretSets);
        }
        if (values != null) {
            if (noContext) {
                step.put("encodedValuesContent", base64(read(values)));
            } else {
                step.put("valuesFilePath", values);
            }
        }
        if (target != null) {
            step.put("target", target);
        }
        if (noPush != null) {
            step.put("isPushEnabled", !noPush);
        }
        if (noCache != null) {
            step.put("noCache", noCache);
        }
        if (step.isEmpty()) {
            body.remove("step");
        }
        return body;
    }

    /** The step type the flags ask for; null on update when they do not say. */
    private String type(boolean create, boolean noContext) {
        if (cmd != null || (file != null && noContext)) {
            return "EncodedTask";
        }
        if (file != null) {
            String f = file.toLowerCase(Locale.ROOT);
            return f.endsWith(".yaml") || f.endsWith(".yml") ? "FileTask" : "Docker";
        }
        if (!create) {
            return null;
        }
        if (noContext) {
            throw CliException.usage("a task without a context needs --cmd or -f with a local task file");
        }
        return "Docker";
    }

    static void pairs(ArrayNode out, List<String> plain, List<String> secret) {
        for (String s : plain == null ? List.<String>of() : plain) {
            out.add(pair(s, false));
        }
        for (String s : secret == null ? List.<String>of() : secret) {
            out.add(pair(s, true));
        }
    }

    static ObjectNode pair(String text, boolean secret) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw CliException.usage("expected NAME=VALUE, not '" + text + "'");
        }
        return Json.object().put("name", text.substring(0, eq)).put("value", text.substring(eq + 1)).put("isSecret", secret);
    }

    private static String read(String path) throws IOException {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw CliException.usage("cannot read " + path);
        }
        return Files.readString(p);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> orEmpty(List<String> l) {
        return l == null ? new ArrayList<>() : l;
    }
}
