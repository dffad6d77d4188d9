package dev.slipway.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.Json;
import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.PrintWriter;
import dev.slipway.cli.support.CliException;

/** Runs through {@code /api/runs}: contexts, create, show, list, cancel, archive and the log stream. */
public final class RunService {
    private final Api api;

    public RunService(Api api) {
        this.api = api;
    }

    /** Uploads a tar.gz context; its source location. */
    public String upload(Path archive) {
        return api.upload("/api/runs/contexts", archive, "application/gzip").path("sourceLocation").asText();
    }

    /**
     * A context argument as the server takes it: {@code /dev/null}, URLs ({@code https://…}, {@code git@…},
     * {@code oci://…}) and uploaded locations as they are; a local directory is packed and uploaded (a snapshot).
     */
    public String sourceLocation(String context, String dockerfile, PrintWriter err) throws IOException {
        if (context.equals("/dev/null") || context.contains("://") || context.startsWith("git@")
                || context.startsWith("github.com/") || context.startsWith("upload:")) {
            return context;
        }
        Path dir = Path.of(context);
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("the context " + context + " is neither a local directory nor a URL");
        }
        Path archive = ContextArchive.create(dir, dockerfile);
        try {
            err.println("Uploading the context " + context + " (" + Files.size(archive) + " bytes)...");
            err.flush();
            return upload(archive);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    JsonNode create(JsonNode request) {
        return api.post("/api/runs", request);
    }

    public JsonNode show(String id) {
        return api.get("/api/runs/" + Api.seg(id));
    }

    public JsonNode list(Integer top, String status, String task, String image) {
        StringBuilder q = new StringBuilder("/api/runs?top=").append(top == null ? 15 : top);
        if (status != null) {
            q.append("&status=").append(Api.query(status));
        }
        if (task != null) {
            q.append("&task=").append(Api.query(task));
        }
        if (image != null) {
            q.append("&image=").append(Api.query(image));
        }
        return api.get(q.toString());
    }

    public JsonNode cancel(String id) {
        return api.post("/api/runs/" + Api.seg(id) + "/cancel", null);
    }

    public JsonNode archive(String id, boolean enabled) {
        return api.patch("/api/runs/" + Api.seg(id), Json.object().put("isArchiveEnabled", enabled));
    }

    InputStream log(String id, long offset, boolean follow) throws IOException {
        return api.stream("/api/runs/" + Api.seg(id) + "/log?follow=" + follow + "&offset=" + offset);
    }
}
