package dev.slipway.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunIdsTest {
    @Test
    void aPrefixAndABase32Counter() {
        assertThat(RunIds.format("ca", 1)).isEqualTo("ca1");
        assertThat(RunIds.format("ca", 9)).isEqualTo("ca9");
        assertThat(RunIds.format("ca", 10)).isEqualTo("caa");
        assertThat(RunIds.format("ca", 31)).isEqualTo("cav");
        assertThat(RunIds.format("ca", 32)).isEqualTo("ca10");
        assertThat(RunIds.format("da", 32 * 32 + 1)).isEqualTo("da101");
        assertThatThrownBy(() -> RunIds.format("ca", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void epilogueLinesLikeAcb() {
        var t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RunWorker.epilogue("ca1", RunStatus.Succeeded, null, t0, t0, t0.plusSeconds(5)))
                .isEqualTo("Run ID: ca1 was successful after 5s");
        assertThat(RunWorker.epilogue("cb6", RunStatus.Failed, "failed during run, err: exit status 1", t0, t0, t0.plusSeconds(151)))
                .isEqualTo("Run ID: cb6 failed after 2m31s. Error: failed during run, err: exit status 1");
        assertThat(RunWorker.goDuration(java.time.Duration.ofSeconds(3603))).isEqualTo("1h0m3s");
    }

    @Test
    void outputImagesSplitAndMatchLikeAcrFilters() {
        OutputImage i = OutputImage.parse("localhost:5000/team/app:v1@sha256:abc");
        assertThat(i).isEqualTo(new OutputImage("localhost:5000", "team/app", "v1", "sha256:abc"));
        assertThat(i.matches("team/app:v1")).isTrue();
        assertThat(i.matches("team/app@sha256:abc")).isTrue();
        assertThat(i.matches("localhost:5000/team/app:v1")).isTrue();
        assertThat(i.matches("team/app")).isTrue();
        assertThat(i.matches("team/app:v2")).isFalse();
        assertThat(i.matches("app:v1")).isFalse();
    }
}
