package dev.slipway.server.tasks;

import java.util.List;

/** What a task runs (ACR's {@code properties.step}, discriminated by {@code type}). */
public sealed interface TaskStep {
    /** Set values ({@code --set}/{@code --set-secret}) or build arguments ({@code --arg}/{@code --secret-arg}). */
    List<QuickRequest.SetValue> values();

    String type();

    /** {@code Docker}: one build of {@code dockerFilePath}, then a push of the images unless push is off. */
    record Docker(List<String> imageNames, String dockerFilePath, List<QuickRequest.SetValue> arguments, String target,
                  boolean noCache, boolean pushEnabled) implements TaskStep {
        public Docker {
            imageNames = List.copyOf(imageNames);
            arguments = List.copyOf(arguments);
        }

        public List<QuickRequest.SetValue> values() {
            return arguments;
        }

        public String type() {
            return "Docker";
        }
    }

    /** {@code FileTask}: a task file (and optional values file) read from the context when the run starts. */
    record File(String taskFilePath, String valuesFilePath, List<QuickRequest.SetValue> values) implements TaskStep {
        public File {
            values = List.copyOf(values);
        }

        public String type() {
            return "FileTask";
        }
    }

    /** {@code EncodedTask}: the task file's text (and values file's text) kept in the task itself. */
    record Encoded(String taskContent, String valuesContent, List<QuickRequest.SetValue> values) implements TaskStep {
        public Encoded {
            values = List.copyOf(values);
        }

        public String type() {
            return "EncodedTask";
        }
    }
}
