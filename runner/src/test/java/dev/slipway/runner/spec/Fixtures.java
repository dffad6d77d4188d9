package dev.slipway.runner.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Test helpers: fixture files and a stand-in for the template engine. */
final class Fixtures {
    /** What a run's template data would give for the usual expressions. */
    static final Map<String, String> RUN = Map.of(
            "{{.Run.Registry}}", "reg.example.io",
            "{{.Run.RegistryName}}", "reg",
            "{{.Run.ID}}", "ca1",
            "{{.Run.Date}}", "20240102-030405z",
            "{{.Run.OS}}", "linux",
            "{{.Run.Architecture}}", "amd64",
            "{{.Run.Commit}}", "",
            "{{.Run.Branch}}", "main",
            "{{.Run.SharedVolume}}", "acb_vol_1",
            "{{.Run.TaskName}}", "nightly");

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/tasks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces literal template expressions; enough for tests that do not exercise the engine itself. */
    static Function<String, String> render(Map<String, String> extra) {
        var all = new LinkedHashMap<>(RUN);
        all.putAll(extra);
        return text -> {
            String out = text;
            for (var e : all.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out;
        };
    }

    static Function<String, String> render() {
        return render(Map.of());
    }

    static TaskSpec parse(String yaml) {
        return TaskParser.parse(yaml);
    }
}
