package dev.slipway.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.tasks.OutputImage;
import dev.slipway.server.tasks.RunFilter;
import dev.slipway.server.tasks.RunRecord;
import dev.slipway.server.tasks.RunStatus;
import dev.slipway.server.tasks.Runs;
import java.time.Instant;
import java.util.LinkedHashMap;

import java.util.Map;
import org.eclipse.jetty.io.Content;

/** Runs: quick builds and runs, their history, logs (live), cancel and archive; uploaded contexts. */
final class RunsApi {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Runs runs;
    private final String service;

    /** @param service the configured registry name; null = the authority the API was called with */
    RunsApi(Runs runs, String service) {
        this.runs = runs;
        this.service = service;
    }

    void register(ApiRoutes routes) {
        routes.add("POST", "/api/runs/contexts", c -> {
            String location = runs.uploadContext(Content.Source.asInputStream(c.request()));
            return new ApiReply.Json(201, Map.of("sourceLocation", location));
        })
                .add("POST", "/api/runs", c -> new ApiReply.Json(201, run(runs.create(c.body(), registry(c)))))
                .add("GET", "/api/runs", c -> {
                    String status = c.query("status");
                    RunStatus s = status == null || status.isBlank() ? null : RunStatus.parse(status);
                    if (status != null && !status.isBlank() && s == null) {
                        throw new ApiException(400, "InvalidRequest", "unknown run status '" + status + "'");
                    }
                    RunFilter f = new RunFilter(number(c.query("top"), RunFilter.DEFAULT_TOP), s, blank(c.query("task")),
                            blank(c.query("image")));
                    return runs.list(f).stream().map(RunsApi::run).toList();
                })
                .add("GET", "/api/runs/{id}", c -> run(runs.get(c.param("id"))))
                .add("PATCH", "/api/runs/{id}", c -> {
                    Boolean archive = ApiCall.bool(c.body(), "isArchiveEnabled");
                    if (archive == null) {
                        throw new ApiException(400, "InvalidRequest", "isArchiveEnabled (true or false) is required");
                    }
                    return run(runs.setArchive(c.param("id"), archive));
                })
                .add("POST", "/api/runs/{id}/cancel", c -> run(runs.cancel(c.param("id"))))
                .add("GET", "/api/runs/{id}/dependencies", c -> JSON.readTree(runs.dependencies(c.param("id"))))
                .add("GET", "/api/runs/{id}/log", c -> {
                    String id = c.param("id");
                    if (runs.get(id).logDeleted()) {
                        throw new ApiException(404, "NotFound", "the log of run " + id + " is no longer kept (retention)");
                    }
                    boolean follow = "true".equalsIgnoreCase(c.query("follow"));
                    long offset = c.query("offset") == null ? 0 : number(c.query("offset"), 0);
                    return new ApiReply.Stream("text/plain; charset=utf-8", out -> runs.copyLog(id, offset, follow, out));
                });
    }

    String registry(ApiCall c) {
        if (service != null) {
            return service;
        }
        String authority = c.request().getHttpURI().getAuthority();
        if (authority == null || authority.isBlank()) {
            throw new ApiException(400, "InvalidRequest", "the request has no Host; cannot tell the run's registry");
        }
        return authority;
    }

    static Map<String, Object> run(RunRecord r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("runId", r.id());
        o.put("status", r.status().name());
        o.put("runType", r.runType().name());
        o.put("trigger", r.trigger());
        o.put("task", r.task());
        o.put("platform", Map.of("os", r.os(), "architecture", r.architecture()));
        o.put("registry", r.registry());
        o.put("createTime", time(r.createTime()));
        o.put("startTime", time(r.startTime()));
        o.put("finishTime", time(r.finishTime()));
        o.put("outputImages", r.outputImages().stream().map(RunsApi::image).toList());
        o.put("runErrorMessage", r.errorMessage());
        o.put("isArchiveEnabled", r.archiveEnabled());
        return o;
    }

    private static Map<String, Object> image(String text) {
        OutputImage i = OutputImage.parse(text);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("registry", i.registry());
        o.put("repository", i.repository());
        o.put("tag", i.tag());
        o.put("digest", i.digest());
        return o;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int number(String v, int fallback) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "InvalidRequest", "not a non-negative whole number: " + v);
        }
    }

}
