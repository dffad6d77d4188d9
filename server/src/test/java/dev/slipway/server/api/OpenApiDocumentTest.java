package dev.slipway.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.runner.exec.RunOutcome;
import dev.slipway.runner.scan.DependencyReport;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import dev.slipway.server.TestDirs;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document of {@code /api} on a real server (port 0): it is served (YAML and JSON, without
 * credentials), it describes exactly the registered routes, and live responses have its required properties.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");

    static SlipwayServer server;
    static String authorization;
    static JsonNode doc;

    @BeforeAll
    static void start(@TempDir(factory = TestDirs.InMemory.class) Path dir) throws Exception {
        server = SlipwayServer.start(ServerConfig.defaults(dir).withPort(0), (request, log, cancellation) -> {
            log.line("hello from " + request.runId());
            return new RunOutcome(RunOutcome.Status.SUCCEEDED, null, List.of(), new DependencyReport(List.of()), List.of());
        });
        String password = JSON.readTree(Files.readString(dir.resolve("admin-credentials.json"))).get("password").asText();
        authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        doc = new YAMLMapper().readTree(send("GET", "/api/openapi.yaml", null, null, false).body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bothDocumentsAreServedWithoutCredentials() throws Exception {
        HttpResponse<String> yaml = send("GET", "/api/openapi.yaml", null, null, false);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValue("application/yaml");
        JsonNode fromYaml = new YAMLMapper().readTree(yaml.body());
        assertThat(fromYaml.path("openapi").asText()).matches("3\\.1\\.\\d+");

        HttpResponse<String> json = send("GET", "/api/openapi.json", null, null, false);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode fromJson = JSON.readTree(json.body());
        assertThat(fromJson.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(fromJson.at("/components/securitySchemes/adminBasic/scheme").asText()).isEqualTo("basic");

        // Everything else still needs the admin; without credentials even unknown paths and methods are 401.
        for (String[] call : new String[][] {{"GET", "/api/tokens"}, {"GET", "/api/nope"}, {"POST", "/api/openapi.yaml"}}) {
            HttpResponse<String> r = send(call[0], call[1], null, null, false);
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(send("POST", "/api/openapi.yaml", null, null, true).statusCode()).isEqualTo(405);
    }

    @Test
    void theDocumentDescribesExactlyTheRegisteredRoutes() {
        Set<String> registered = server.api().routes().operations().stream()
                .map(o -> o.method() + " " + normalise(o.pattern())).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        Set<String> operationIds = new HashSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            documented.add(op.getKey().toUpperCase() + " " + normalise(path.getKey()));
            assertThat(op.getValue().path("operationId").asText()).as(where + " operationId").isNotBlank();
            assertThat(operationIds.add(op.getValue().get("operationId").asText())).as(where + " unique operationId").isTrue();
            assertThat(op.getValue().path("responses").size()).as(where + " responses").isPositive();
            Set<String> declared = new HashSet<>();
            for (JsonNode list : List.of(path.getValue().path("parameters"), op.getValue().path("parameters"))) {
                list.forEach(p -> {
                    JsonNode param = resolve(p);
                    if (param.path("in").asText().equals("path")) {
                        declared.add(param.path("name").asText());
                    }
                });
            }
            Set<String> inTemplate = new HashSet<>();
            Matcher m = PARAM.matcher(path.getKey());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(where + " path parameters").isEqualTo(inTemplate);
        }));
        assertThat(documented).isEqualTo(registered);
        assertThat(registered).contains("GET /api/openapi.yaml", "GET /api/runs/{}/log", "POST /api/runs/contexts");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void liveResponsesHaveTheDocumentedRequiredProperties() throws Exception {
        verify("GET", "/api/registry", "/api/registry", null, 200);
        verify("GET", "/api/credentials", "/api/credentials", null, 200);
        verify("PUT", "/api/scope-maps/{name}", "/api/scope-maps/openapi-map",
                Map.of("description", "for the OpenAPI test", "actions", List.of("repositories/app/content/read")), 200);
        verify("GET", "/api/scope-maps", "/api/scope-maps", null, 200);
        verify("PUT", "/api/tokens/{name}", "/api/tokens/openapi-token", Map.of("scopeMapName", "openapi-map"), 200);
        verify("POST", "/api/tokens/{name}/passwords", "/api/tokens/openapi-token/passwords",
                Map.of("password1", true, "expirationInDays", 3), 200);
        verify("GET", "/api/tokens/{name}", "/api/tokens/openapi-token", null, 200);
        verify("GET", "/api/tokens", "/api/tokens", null, 200);
        verify("GET", "/api/tokens/{name}", "/api/tokens/no-such-token", null, 404);
        verify("PUT", "/api/tokens/{name}", "/api/tokens/openapi-token2", Map.of(), 400);
        verify("GET", "/api/audit", "/api/audit?top=5", null, 200);
        verify("PUT", "/api/secrets/{name}", "/api/secrets/openapi-secret", Map.of("value", "s3cret"), 200);
        verify("GET", "/api/secrets", "/api/secrets", null, 200);

        verify("PUT", "/api/tasks/{name}", "/api/tasks/openapi-task", Map.of("step", Map.of("type", "EncodedTask", "cmd", "hello",
                "values", List.of(Map.of("name", "pw", "value", "x", "isSecret", true)))), 201);
        verify("POST", "/api/tasks/{name}/credentials", "/api/tasks/openapi-task/credentials",
                Map.of("loginServer", "registry.example.com", "username", "u", "password", "p"), 201);
        verify("GET", "/api/tasks/{name}", "/api/tasks/openapi-task?withSecureProperties=true", null, 200);
        verify("GET", "/api/tasks", "/api/tasks", null, 200);
        verify("GET", "/api/tasks/{name}/credentials", "/api/tasks/openapi-task/credentials", null, 200);
        verify("POST", "/api/tasks/{name}/runs", "/api/tasks/openapi-task/runs", Map.of(), 201);

        String context = verify("POST", "/api/runs/contexts", "/api/runs/contexts", tarGz(), 201).get("sourceLocation").asText();
        verify("POST", "/api/runs", "/api/runs", Map.of("runType", "QuickBuild", "sourceLocation", context,
                "imageNames", List.of("app:{{.Run.ID}}")), 201);
        String id = verify("POST", "/api/runs", "/api/runs", Map.of("runType", "QuickRun", "cmd", "hello"), 201)
                .get("runId").asText();
        verify("GET", "/api/runs/{id}", "/api/runs/" + id, null, 200);
        verify("GET", "/api/runs", "/api/runs?top=10", null, 200);
        verify("GET", "/api/runs/{id}", "/api/runs/no-such-run", null, 404);
        verify("POST", "/api/runs", "/api/runs", Map.of("runType", "Nonsense"), 400);

        HttpResponse<String> log = send("GET", "/api/runs/" + id + "/log?follow=true", null, null, true);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(documented("GET", "/api/runs/{id}/log", 200).path("content").has("text/plain")).isTrue();
        assertThat(documented("POST", "/api/runs/contexts", 201).isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1api~1runs~1contexts/post/requestBody/content").has("application/gzip")).isTrue();
    }

    /** Calls the endpoint and checks the JSON response against the schema documented for that status. */
    private static JsonNode verify(String method, String template, String path, Object body, int status) throws Exception {
        HttpResponse<String> r = body instanceof byte[] bytes ? send(method, path, bytes, "application/gzip", true)
                : send(method, path, body == null ? null : JSON.writeValueAsBytes(body), "application/json", true);
        String where = method + " " + path;
        assertThat(r.statusCode()).as(where + ": " + r.body()).isEqualTo(status);
        JsonNode response = documented(method, template, status);
        assertThat(response.isMissingNode()).as(where + ": status " + status + " is documented").isFalse();
        JsonNode schema = response.at("/content/application~1json/schema");
        assertThat(schema.isMissingNode()).as(where + ": a JSON schema is documented").isFalse();
        JsonNode value = JSON.readTree(r.body());
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        assertThat(problems).as(where + " → " + value).isEmpty();
        return value;
    }

    private static JsonNode documented(String method, String template, int status) {
        JsonNode op = doc.path("paths").path(template).path(method.toLowerCase());
        assertThat(op.isMissingNode()).as(method + " " + template + " is documented").isFalse();
        return resolve(op.path("responses").path(String.valueOf(status)));
    }

    /**
     * A small structural check: required properties are present, types (including {@code null}) and enums match,
     * and properties, items, additionalProperties and oneOf/anyOf/allOf are followed.
     */
    private static void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        for (String combiner : List.of("oneOf", "anyOf")) {
            if (schema.has(combiner)) {
                List<String> all = new ArrayList<>();
                boolean any = false;
                for (JsonNode alternative : schema.get(combiner)) {
                    List<String> p = new ArrayList<>();
                    check(value, alternative, at, p);
                    any |= p.isEmpty();
                    all.addAll(p);
                }
                if (!any) {
                    problems.add(at + ": matches no " + combiner + " alternative: " + all);
                }
            }
        }
        schema.path("allOf").forEach(s -> check(value, s, at, problems));
        JsonNode type = schema.get("type");
        if (type != null) {
            Set<String> types = new HashSet<>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else {
                types.add(type.asText());
            }
            String actual = typeOf(value);
            boolean ok = types.contains(actual) || (actual.equals("integer") && types.contains("number"));
            if (!ok) {
                problems.add(at + ": is " + actual + ", documented as " + types);
                return;
            }
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (value.isObject()) {
            schema.path("required").forEach(req -> {
                if (!value.has(req.asText())) {
                    problems.add(at + ": required property '" + req.asText() + "' is missing");
                }
            });
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                if (properties.has(e.getKey())) {
                    check(e.getValue(), properties.get(e.getKey()), at + "." + e.getKey(), problems);
                } else if (additional != null && additional.isObject()) {
                    check(e.getValue(), additional, at + "." + e.getKey(), problems);
                } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                    problems.add(at + ": property '" + e.getKey() + "' is not documented");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
            }
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String typeOf(JsonNode v) {
        return switch (v.getNodeType()) {
            case NULL, MISSING -> "null";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> v.isIntegralNumber() ? "integer" : "number";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case BINARY -> "string";
        };
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        while (n.has("$ref")) {
            String ref = n.get("$ref").asText();
            n = doc.at(ref.substring(1));
            assertThat(n.isMissingNode()).as("$ref " + ref).isFalse();
        }
        return n;
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }

    /** {@code /api/tokens/{name}/passwords/{slot}} → {@code /api/tokens/{}/passwords/{}}. */
    static String normalise(String template) {
        return PARAM.matcher(template).replaceAll("{}");
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, String contentType, boolean admin)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (admin) {
            b.header("Authorization", authorization);
        }
        if (contentType != null && body != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] tarGz() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] content = "FROM scratch\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("Dockerfile");
            file.setSize(content.length);
            tar.putArchiveEntry(file);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
