package dev.slipway.server.tasks;

import dev.slipway.runner.exec.RegistryLogin;
import dev.slipway.runner.exec.RunRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored run request made ready to execute: what to run, plus what a task adds — logins to its custom
 * registries and secret values (passwords, tokens) to mask in the log.
 */
record ResolvedRun(QuickRequest request, List<RegistryLogin> logins, List<String> secrets) {
    ResolvedRun {
        logins = List.copyOf(logins);
        secrets = List.copyOf(secrets);
    }

    static ResolvedRun quick(QuickRequest request) {
        return new ResolvedRun(request, List.of(), List.of());
    }

    /** Values the log masks from its first line. */
    List<String> masked() {
        List<String> all = new ArrayList<>(RunPreparation.requestSecrets(request));
        all.addAll(secrets);
        return all;
    }

    /** The prepared request with this run's extra logins and masked values. */
    RunRequest extend(RunRequest prepared) {
        if (logins.isEmpty() && secrets.isEmpty()) {
            return prepared;
        }
        List<RegistryLogin> allLogins = new ArrayList<>(prepared.logins());
        allLogins.addAll(logins);
        List<String> masked = new ArrayList<>(prepared.masked());
        masked.addAll(secrets);
        return new RunRequest(prepared.runId(), prepared.registry(), prepared.task(), prepared.workspace(), allLogins,
                masked, prepared.timeout(), prepared.gitHeadRevision());
    }
}
