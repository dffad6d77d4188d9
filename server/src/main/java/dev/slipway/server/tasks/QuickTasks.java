package dev.slipway.server.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The task files acb generates for quick builds ({@code az acr build}) and {@code az acr run --cmd}. */
final class QuickTasks {
    static final int BUILD_STEP_TIMEOUT = 28_800;
    static final int PUSH_STEP_TIMEOUT = 3_600;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@+,%{}-]+");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private QuickTasks() {
    }

    /** Step {@code build} ({@code -t … -f … --build-arg … [--target] [--no-cache] .}) and, when pushing, step {@code push}. */
    static String build(QuickRequest.Build b) {
        List<String> words = new ArrayList<>();
        for (String image : b.images()) {
            words.add("-t");
            words.add(quote(image));
        }
        words.add("-f");
        words.add(quote(b.dockerfile()));
        for (QuickRequest.SetValue arg : b.args()) {
            words.add("--build-arg");
            words.add(quote(arg.value() == null ? arg.name() : arg.name() + "=" + arg.value()));
        }
        if (b.target() != null && !b.target().isBlank()) {
            words.add("--target");
            words.add(quote(b.target()));
        }
        if (b.platform() != null) {
            words.add("--platform");
            words.add(quote(b.platform()));
        }
        if (b.noCache()) {
            words.add("--no-cache");
        }
        words.add(".");
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("id", "build");
        build.put("build", String.join(" ", words));
        build.put("timeout", BUILD_STEP_TIMEOUT);
        steps.add(build);
        if (b.push() && !b.images().isEmpty()) {
            Map<String, Object> push = new LinkedHashMap<>();
            push.put("id", "push");
            push.put("push", b.images());
            push.put("timeout", PUSH_STEP_TIMEOUT);
            push.put("when", List.of("build"));
            steps.add(push);
        }
        return "version: v1.0.0\n" + yaml(Map.of("steps", steps));
    }

    /** acb's task for {@code --cmd}: one cmd step that keeps the image's working directory. */
    static String cmd(String cmd, Integer timeout) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("cmd", cmd);
        step.put("disableWorkingDirectoryOverride", true);
        if (timeout != null) {
            step.put("timeout", timeout);
        }
        return "version: v1.1.0\n" + yaml(Map.of("steps", List.of(step)));
    }

    /** Single-quotes a word of the build string unless it is plain (a quote inside becomes {@code '\''}). */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
