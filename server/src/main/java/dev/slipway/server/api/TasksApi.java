package dev.slipway.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.tasks.Runs;
import dev.slipway.server.tasks.Tasks;

/**
 * Named tasks: {@code PUT/PATCH/GET/DELETE /api/tasks/{name}}, {@code GET /api/tasks}, run now
 * ({@code POST /api/tasks/{name}/runs}) and custom registry credentials ({@code /api/tasks/{name}/credentials}).
 */
final class TasksApi {
    private final Tasks tasks;
    private final Runs runs;
    private final RunsApi runsApi;

    TasksApi(Tasks tasks, Runs runs, RunsApi runsApi) {
        this.tasks = tasks;
        this.runs = runs;
        this.runsApi = runsApi;
    }

    void register(ApiRoutes routes) {
        routes.add("GET", "/api/tasks", c -> tasks.list())
                .add("PUT", "/api/tasks/{name}", c -> new ApiReply.Json(201, tasks.create(c.param("name"), c.body())))
                .add("PATCH", "/api/tasks/{name}", c -> tasks.update(c.param("name"), c.body()))
                .add("GET", "/api/tasks/{name}", c -> tasks.show(c.param("name"),
                        "true".equalsIgnoreCase(c.query("withSecureProperties"))))
                .add("DELETE", "/api/tasks/{name}", c -> {
                    tasks.delete(c.param("name"));
                    return null;
                })
                .add("POST", "/api/tasks/{name}/runs", c -> new ApiReply.Json(201,
                        RunsApi.run(runs.createTaskRun(c.param("name"), c.body(), runsApi.registry(c)))))
                .add("GET", "/api/tasks/{name}/credentials", c -> tasks.credentials(c.param("name")))
                .add("POST", "/api/tasks/{name}/credentials", c -> {
                    JsonNode b = c.body();
                    String server = ApiCall.text(b, "loginServer");
                    if (server == null || server.isBlank()) {
                        throw new ApiException(400, "InvalidRequest", "loginServer is required");
                    }
                    return new ApiReply.Json(201, tasks.addCredential(c.param("name"), server,
                            ApiCall.text(b, "username"), ApiCall.text(b, "password")));
                })
                .add("PATCH", "/api/tasks/{name}/credentials/{server}", c -> {
                    JsonNode b = c.body();
                    return tasks.updateCredential(c.param("name"), c.param("server"), ApiCall.text(b, "username"),
                            ApiCall.text(b, "password"));
                })
                .add("DELETE", "/api/tasks/{name}/credentials/{server}", c ->
                        tasks.removeCredential(c.param("name"), c.param("server")));
    }
}
