package dev.slipway.server.auth;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * What issuing and verifying one access token costs, in process CPU (GC and JIT threads included), with the
 * server's heap settings. Run by bench/auth-overhead.py against the built jar; rounds until the JIT has settled,
 * the last round is the figure. In this package because the token service is package-private.
 */
public final class TokenCost {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path keys = Files.createTempDirectory("token-cost");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Scope> scope = List.of(Scope.repository("bench/small", EnumSet.of(Action.PULL, Action.PUSH)));
        double sign = 0, fresh = 0, cached = 0;
        for (int round = 0; round < rounds; round++) {
            TokenService issuer = new TokenService(keys, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofHours(3));
            String[] tokens = new String[n];
            long c0 = os.getProcessCpuTime();
            for (int i = 0; i < n; i++) {
                tokens[i] = issuer.issueAccess("bench-" + i, "registry:5000", scope);
            }
            long c1 = os.getProcessCpuTime();
            // A fresh service over the same keys: nothing cached, each first use parses and checks the signature.
            TokenService verifier = new TokenService(keys, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofHours(3));
            long c2 = os.getProcessCpuTime();
            for (String t : tokens) {
                verifier.verifyAccess(t, "registry:5000");
            }
            long c3 = os.getProcessCpuTime();
            for (String t : tokens) {
                verifier.verifyAccess(t, "registry:5000");
            }
            long c4 = os.getProcessCpuTime();
            sign = (c1 - c0) / 1e3 / n;
            fresh = (c3 - c2) / 1e3 / n;
            cached = (c4 - c3) / 1e3 / n;
        }
        System.out.printf("{\"sign_us\": %.2f, \"first_use_us\": %.2f, \"cached_us\": %.3f}%n", sign, fresh, cached);
    }
}
