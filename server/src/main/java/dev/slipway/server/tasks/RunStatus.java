package dev.slipway.server.tasks;

/** A run's status, ACR's values. Terminal: Succeeded, Failed, Canceled, Error, Timeout. */
public enum RunStatus {
    Queued, Running, Succeeded, Failed, Canceled, Error, Timeout;

    public boolean terminal() {
        return this != Queued && this != Running;
    }

    /** Parses a status name, ignoring case; null when unknown. */
    public static RunStatus parse(String s) {
        for (RunStatus v : values()) {
            if (v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
