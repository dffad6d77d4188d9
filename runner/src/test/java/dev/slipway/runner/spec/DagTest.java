package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DagTest {

    private static Dag dag(String fixture) {
        return Dag.of(TaskParser.parse(Fixtures.render().apply(Fixtures.read(fixture))));
    }

    @Test
    void acbShapedGraph() {
        // root -> fetch; root -> lint -> report; root -> compile-api -> compile-web -> image; root -> compile-cli
        Dag dag = dag("all-properties.yaml");
        assertThat(dag.roots()).containsExactly("fetch", "compile-api", "lint", "compile-cli");
        assertThat(dag.children("lint")).containsExactly("report");
        assertThat(dag.children("compile-api")).containsExactly("compile-web");
        // image has no when: it waits for the step before it in the file, not for the root.
        assertThat(dag.dependencies("image")).containsExactly("compile-web");
        assertThat(dag.children("fetch")).isEmpty();
        assertThat(dag.children("compile-cli")).isEmpty();
        assertThat(dag.dependants("compile-api")).containsExactly("compile-web", "image");
    }

    @Test
    void parallelStepsAllStartAtOnce() {
        Dag dag = dag("when-parallel.yaml");
        assertThat(dag.roots()).containsExactly("build-app", "build-app-tests");
        assertThat(dag.ready(Set.of("build-app"))).containsExactly("build-app-tests");
    }

    @Test
    void stepsWithoutWhenRunInFileOrder() {
        Dag dag = dag("when-sequential-default.yaml");
        assertThat(dag.roots()).containsExactly("acb_step_0");
        assertThat(dag.ready(Set.of("acb_step_0"))).containsExactly("acb_step_1");
        assertThat(dag.ready(Set.of("acb_step_0", "acb_step_1"))).containsExactly("acb_step_2");
        assertThat(dag.ready(Set.of("acb_step_0", "acb_step_1", "acb_step_2"))).isEmpty();

        Dag byId = dag("when-sequential-id.yaml");
        assertThat(byId.dependencies("third")).containsExactly("second");
        assertThat(byId.dependants("first")).containsExactly("second", "third");
    }

    @Test
    void parallelBuildsThenDependentTests() {
        Dag dag = dag("when-parallel-dependent.yaml");
        assertThat(dag.roots()).containsExactly("build-app", "build-app-tests");
        assertThat(dag.ready(Set.of("build-app"))).containsExactly("build-app-tests", "app");
        // app-tests waits for all of its when entries.
        assertThat(dag.ready(Set.of("build-app", "app"))).containsExactly("build-app-tests");
        assertThat(dag.ready(Set.of("build-app", "app", "build-app-tests"))).containsExactly("app-tests");
        assertThat(dag.dependencies("acb_step_4")).containsExactly("app-tests");
        // A failed build cancels everything downstream of it, and only that.
        assertThat(dag.dependants("build-app")).containsExactly("app", "app-tests", "acb_step_4");
        assertThat(dag.dependants("build-app-tests")).containsExactly("app-tests", "acb_step_4");
        assertThat(dag.steps()).extracting(StepSpec::id)
                .containsExactly("build-app", "build-app-tests", "app", "app-tests", "acb_step_4");
    }

    @Test
    void rootInWhenAndRepeatedIdsInWhen() {
        TaskSpec spec = TaskParser.parse("""
                steps:
                  - id: a
                    cmd: x
                  - id: b
                    cmd: y
                    when: [acb_root]
                  - id: c
                    cmd: z
                    when: [a, a, acb_root]
                """);
        Dag dag = Dag.of(spec);
        assertThat(dag.roots()).containsExactly("a", "b");
        // A dependency named twice counts once (acb would count it twice and never start the step).
        assertThat(dag.dependencies("c")).containsExactly("a");
        assertThat(dag.ready(Set.of("a"))).containsExactly("b", "c");
    }

    @Test
    void rejectsForwardReferencesEvenWithoutTheValidator() {
        TaskSpec spec = TaskParser.parse("steps:\n  - id: a\n    cmd: x\n    when: [b]\n  - id: b\n    cmd: y\n");
        assertThatThrownBy(() -> Dag.of(spec))
                .isInstanceOf(TaskSpecException.class)
                .hasMessage("failed to validate step with ID: a: b does not exist as a vertex [from: b, to: a]");
    }

    @Test
    void unknownStepsAreRejected() {
        Dag dag = dag("when-parallel.yaml");
        assertThatThrownBy(() -> dag.dependants("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThat(dag.step("build-app")).isInstanceOf(BuildStep.class);
    }

    @Test
    void anEmptyTaskHasAnEmptyGraph() {
        Dag dag = Dag.of(TaskParser.parse(""));
        assertThat(dag.roots()).isEmpty();
        assertThat(dag.steps()).isEmpty();
    }
}
