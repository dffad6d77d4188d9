package dev.slipway.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token lifetimes against a clock the test moves, and what a verification costs for tokens that cannot pass. */
class TokenServiceTest {
    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aVerifiedTokenIsRefusedFromTheCacheOnceExpired() throws Exception {
        TokenService tokens = new TokenService(dir, clock, Duration.ofMinutes(5), Duration.ofDays(1));
        String token = tokens.issueAccess("bot", "reg:5000", List.of(Scope.repository("team/app", EnumSet.of(Action.PULL))));
        assertThat(tokens.verifyAccess(token, "reg:5000").allows("team/app", EnumSet.of(Action.PULL))).isTrue();
        assertThat(token.length()).as("access tokens stay short: every request carries one").isLessThan(200);

        now = now.plus(Duration.ofMinutes(5)).plusSeconds(20);
        assertThat(tokens.verifyAccess(token, "reg:5000").subject()).as("within the 30 s clock skew").isEqualTo("bot");
        now = now.plusSeconds(20);
        assertThatThrownBy(() -> tokens.verifyAccess(token, "reg:5000")).hasMessage("token has expired");
        assertThatThrownBy(() -> tokens.verifyAccess(token, "other:5000")).hasMessage("token was issued for another registry");
    }

    @Test
    void expiryAndAudienceAreCheckedBeforeTheSignature() throws Exception {
        TokenService issuer = new TokenService(dir, clock, Duration.ofMinutes(5), Duration.ofDays(1));
        String token = issuer.issueAccess("bot", "reg:5000", List.of());
        String[] parts = token.split("\\.");
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "AAAA" + parts[2].substring(14);
        // A fresh service (same key, empty cache) sees the broken signature only when the claims could pass.
        TokenService verifier = new TokenService(dir, clock, Duration.ofMinutes(5), Duration.ofDays(1));
        assertThatThrownBy(() -> verifier.verifyAccess(badSignature, "reg:5000")).hasMessage("token signature is not valid");
        assertThatThrownBy(() -> verifier.verifyAccess(badSignature, "other:5000")).hasMessage("token was issued for another registry");
        now = now.plus(Duration.ofHours(1));
        assertThatThrownBy(() -> verifier.verifyAccess(badSignature, "reg:5000")).hasMessage("token has expired");
    }

    @Test
    void refreshAndAccessTokensAreNotInterchangeable() throws Exception {
        TokenService tokens = new TokenService(dir, clock, Duration.ofMinutes(5), Duration.ofDays(1));
        String refresh = tokens.issueRefresh("bot", "reg:5000", "cred-1");
        String access = tokens.issueAccess("bot", "reg:5000", List.of());
        assertThatThrownBy(() -> tokens.verifyAccess(refresh, "reg:5000")).hasMessage("token is not an access token");
        assertThatThrownBy(() -> tokens.verifyRefresh(access, "reg:5000")).hasMessage("token is not a refresh token");
        assertThat(tokens.verifyRefresh(refresh, "reg:5000").getSubject()).isEqualTo("bot");
    }
}
