package dev.slipway.server.tasks;

import java.util.List;

/** What a quick run executes, parsed from the stored request JSON ({@link RunRequests}). */
sealed interface QuickRequest {
    /** A {@code --set}/{@code --build-arg} pair; secret ones are masked in the log. */
    record SetValue(String name, String value, boolean secret) { }

    RunType type();

    /** Seconds. */
    int timeout();

    /** {@code upload:sha256:<hex>} or {@code /dev/null}. */
    String source();

    String os();

    String architecture();

    /** {@code az acr build}: one docker build, then a push of the images unless {@code push} is off. */
    record Build(List<String> images, String dockerfile, List<SetValue> args, String target, String platform,
                 boolean noCache, boolean push, int timeout, String source, String os, String architecture)
            implements QuickRequest {
        public RunType type() {
            return RunType.QuickBuild;
        }
    }

    /**
     * {@code az acr run}: a task file given inline ({@code taskContent}) or read from the context
     * ({@code taskFilePath}), with an optional values file (inline or from the context) and set values.
     */
    record Run(String taskContent, String taskFilePath, String valuesContent, String valuesFilePath,
               List<SetValue> values, int timeout, String source, String os, String architecture)
            implements QuickRequest {
        public RunType type() {
            return RunType.QuickRun;
        }
    }
}
