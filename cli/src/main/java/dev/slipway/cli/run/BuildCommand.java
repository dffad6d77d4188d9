package dev.slipway.cli.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway build}: {@code az acr build} — pack a local directory, upload it, build (and push) on the server. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Queue a quick build from a local directory or a remote context, stream its log and push the images.")
public final class BuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", description = "The local directory to build, or a Git URL (repo.git#ref:folder), tarball URL or oci:// artifact.")
    String source;

    @Option(names = {"-t", "--image"}, paramLabel = "IMAGE", description = "Image to tag and push, e.g. hello:{{.Run.ID}} (repeatable).")
    List<String> images = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE", description = "The Dockerfile, relative to SOURCE (default Dockerfile).")
    String file = "Dockerfile";

    @Option(names = "--build-arg", paramLabel = "NAME[=VALUE]", description = "A build argument (repeatable).")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--secret-build-arg", paramLabel = "NAME[=VALUE]", description = "A build argument masked in the log (repeatable).")
    List<String> secretBuildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "The build stage to build.")
    String target;

    @Option(names = "--no-push", description = "Build only; do not push the images.")
    boolean noPush;

    @Option(names = "--no-cache", description = "Do not use the build cache.")
    boolean noCache;

    @Mixin
    QueuedRun queued;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.output();
        ObjectNode request = Json.object().put("runType", "QuickBuild");
        ArrayNode names = request.putArray("imageNames");
        images.forEach(names::add);
        if (images.isEmpty() && !noPush) {
            common.err().println("WARNING: '--image or -t' is not provided. Skipping image push after build.");
        }
        for (String i : images) {
            if (i.contains("{{.Build.ID}}")) {
                common.err().println("WARNING: {{.Build.ID}} is deprecated; use {{.Run.ID}}.");
            }
        }
        request.put("dockerFilePath", file);
        ArrayNode args = request.putArray("arguments");
        buildArgs.forEach(a -> args.add(argument(a, false)));
        secretBuildArgs.forEach(a -> args.add(argument(a, true)));
        if (target != null) {
            request.put("target", target);
        }
        request.put("isPushEnabled", !noPush);
        request.put("noCache", noCache);
        if (queued.timeout != null) {
            request.put("timeout", queued.timeout);
        }
        if (queued.platform != null) {
            request.put("platform", queued.platform);
        }
        RunService runs = new RunService(common.api());
        if (source.equals("/dev/null")) {
            throw CliException.usage("a build needs a context: a local directory, a Git URL, a tarball URL or oci://");
        }
        if (ContextArchive.isRemote(source)) {
            request.put("sourceLocation", source); // the server fetches it; the Dockerfile path is relative to it
            return queued.follow(common, runs.create(request), "build");
        }
        Path dir = Path.of(source);
        if (!Files.isRegularFile(dir.resolve(file))) {
            throw CliException.usage("no Dockerfile at " + dir.resolve(file));
        }
        Path archive = ContextArchive.create(dir, file);
        try {
            common.err().println("Uploading the build context (" + Files.size(archive) + " bytes)...");
            request.put("sourceLocation", runs.upload(archive));
        } finally {
            Files.deleteIfExists(archive);
        }
        return queued.follow(common, runs.create(request), "build");
    }

    /** {@code NAME=VALUE}, or {@code NAME} alone: the value comes from the environment, as with docker build. */
    private ObjectNode argument(String text, boolean secret) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        if (name.isBlank()) {
            throw CliException.usage("a build argument needs a name: '" + text + "'");
        }
        String value = eq < 0 ? common.env().vars().get(name) : text.substring(eq + 1);
        ObjectNode o = Json.object().put("name", name).put("isSecret", secret);
        if (value != null) {
            o.put("value", value);
        }
        return o;
    }
}
