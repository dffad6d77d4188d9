package dev.slipway.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
    @Test
    void dockersRules() {
        DockerIgnore i = DockerIgnore.parse("""
                # comment
                *.log
                /build/
                docs/**/*.md
                !docs/keep/README.md
                temp?
                **/node_modules
                ./secret/../private
                [ab].txt
                """);
        assertThat(i.excluded("app.log")).isTrue();
        assertThat(i.excluded("sub/app.log")).as("* stays within one path element").isFalse();
        assertThat(i.excluded("build")).isTrue();
        assertThat(i.excluded("build/out/x.o")).as("a directory pattern covers its contents").isTrue();
        assertThat(i.excluded("docs/a.md")).isTrue();
        assertThat(i.excluded("docs/x/y/b.md")).isTrue();
        assertThat(i.excluded("docs/keep/README.md")).as("! exception, last match wins").isFalse();
        assertThat(i.excluded("docs/a.txt")).isFalse();
        assertThat(i.excluded("temp1")).isTrue();
        assertThat(i.excluded("temp12")).isFalse();
        assertThat(i.excluded("node_modules/x.js")).isTrue();
        assertThat(i.excluded("web/node_modules/y/z.js")).isTrue();
        assertThat(i.excluded("private/key")).isTrue();
        assertThat(i.excluded("a.txt")).isTrue();
        assertThat(i.excluded("c.txt")).isFalse();
        assertThat(i.excluded("src/Main.java")).isFalse();
    }

    @Test
    void tableDurationIsHoursMinutesSeconds() {
        assertThat(RunTables.duration("2026-01-01T00:00:00Z", "2026-01-02T01:02:03Z")).isEqualTo("25:02:03");
        assertThat(RunTables.duration("2026-01-01T00:00:00Z", null)).isEmpty();
    }
}
