package dev.slipway.runner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.runner.spec.TaskSpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .Values}: a values file (YAML map) merged with {@code --set k=v} pairs the way acb does — each pair is a
 * flat top-level key with a string value ({@code a.b=c} makes the literal key {@code "a.b"}), overriding a file
 * key of the same name.
 */
public final class TaskValues {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TaskValues() {
    }

    public static Map<String, Object> merge(String valuesFile, List<String> sets) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (valuesFile != null && !valuesFile.isBlank()) {
            try {
                Map<String, Object> file = YAML.readValue(valuesFile, new TypeReference<Map<String, Object>>() { });
                if (file != null) {
                    values.putAll(file);
                }
            } catch (Exception e) {
                throw new TaskSpecException("failed to parse the values file: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq < 0) {
                throw new TaskSpecException("failed to parse --set data; invalid format, no = assignment found");
            }
            if (eq == 0) {
                throw new TaskSpecException("expected a key=val format");
            }
            values.put(set.substring(0, eq), set.substring(eq + 1));
        }
        return values;
    }
}
