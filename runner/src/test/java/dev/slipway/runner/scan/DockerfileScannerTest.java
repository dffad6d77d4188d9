package dev.slipway.runner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Dockerfile scanner against fixtures, one per acb complaint (acr-spec §8) and per parser feature. */
class DockerfileScannerTest {

    static String fixture(String name) {
        try (InputStream in = DockerfileScannerTest.class.getResourceAsStream("/dockerfiles/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dependencies scan(String text) {
        return DockerfileScanner.scan(text, Map.of(), null);
    }

    static String runtime(Dependencies deps) {
        return deps.runtime() == null ? null : deps.runtime().fullName();
    }

    static List<String> buildtime(Dependencies deps) {
        return deps.buildtime().stream().map(ImageReference::fullName).toList();
    }

    static final String HUB = "registry.hub.docker.com/";

    @Nested
    class AcbComplaints {

        @Test
        void argInFromWithDefaultsAndOverride() { // Azure/acr-builder#83
            Dependencies deps = scan(fixture("arg-in-from.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo("mcr.microsoft.com/dotnet/aspnet:8.0-alpine");
            assertThat(buildtime(deps)).containsExactly("mcr.microsoft.com/dotnet/sdk:8.0");
            assertThat(deps.runtime().reference()).isEqualTo("mcr.microsoft.com/dotnet/aspnet:8.0-alpine");

            Dependencies overridden = DockerfileScanner.scan(fixture("arg-in-from.Dockerfile"),
                    Map.of("SDK_TAG", "9.0", "REGISTRY", "myreg.azurecr.io/mirror"), null);
            assertThat(runtime(overridden)).isEqualTo("myreg.azurecr.io/mirror/dotnet/aspnet:9.0-alpine");
            assertThat(buildtime(overridden)).containsExactly("myreg.azurecr.io/mirror/dotnet/sdk:9.0");
        }

        @Test
        void quotedArgValuesAndQuotedFrom() { // Azure/acr-builder#178, #529
            Dependencies deps = scan(fixture("quoted.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo(HUB + "library/nginx:1.25");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/node:18.19-alpine3.19");
        }

        @Test
        void argWithoutValueInFromIsExplained() {
            assertThatThrownBy(() -> scan(fixture("acb-aspnetcore.Dockerfile")))
                    .hasMessage("Dockerfile:13: invalid image reference 'microsoft/:2.0': the repository path"
                            + " 'microsoft/' has an empty component (FROM microsoft/$build_image:$build_version"
                            + " expanded to 'microsoft/:2.0'; build_image is empty: give it a default or a"
                            + " --build-arg)");
        }

        @Test
        void acbsOriginalTestDockerfileFailsAsItDoesWithDocker() {
            // acb's test declares the ARGs that FROM uses inside a stage; acb accepted it, Docker does not.
            String acbOriginal = """
                    ARG runtime_version="2.0.6"
                    FROM microsoft/aspnetcore:${runtime_version} AS base
                    FROM base AS secondary
                    ARG build_image
                    ARG build_version=2.0
                    FROM microsoft/$build_image:$build_version AS builder
                    """;
            assertThatThrownBy(() -> DockerfileScanner.scan(acbOriginal,
                    Map.of("build_image", "aspnetcore-build", "build_version", "2.0.6"), null))
                    .hasMessageStartingWith("Dockerfile:6: invalid image reference 'microsoft/:'")
                    .hasMessageContaining("build_image is passed as --build-arg but not declared with ARG before the"
                            + " first FROM");
        }

        @Test
        void acbTestDockerfileWithBuildArgs() {
            Dependencies deps = DockerfileScanner.scan(fixture("acb-aspnetcore.Dockerfile"),
                    Map.of("build_image", "aspnetcore-build", "build_version", "2.0.6"), null);
            assertThat(runtime(deps)).isEqualTo(HUB + "microsoft/aspnetcore:2.0.6");
            assertThat(buildtime(deps)).containsExactly(
                    HUB + "microsoft/aspnetcore-build:2.0.6", HUB + "imaginary/cert-generator:1.0");
        }

        @Test
        void targetStopsAfterThatStage() {
            String dockerfile = fixture("multistage-target.Dockerfile");
            Dependencies test = DockerfileScanner.scan(dockerfile, Map.of(), "test");
            assertThat(runtime(test)).isEqualTo(HUB + "library/golang:1.22");
            assertThat(test.buildtime()).isEmpty();

            Dependencies fin = DockerfileScanner.scan(dockerfile, Map.of(), "Final");
            assertThat(runtime(fin)).isEqualTo(HUB + "library/alpine:3.19");
            assertThat(buildtime(fin)).containsExactly(HUB + "library/golang:1.22");

            Dependencies last = scan(dockerfile);
            assertThat(runtime(last)).as("debug is FROM final, so alpine").isEqualTo(HUB + "library/alpine:3.19");
            assertThat(buildtime(last)).containsExactly(HUB + "library/golang:1.22");
        }

        @Test
        void copyFromAndMountFromExternalImages() { // acr-spec §8: support COPY --from=image
            Dependencies deps = scan(fixture("copy-from-image.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo("gcr.io/distroless/static:nonroot");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/golang:1.22", HUB + "library/busybox:1.36",
                    HUB + "library/nginx:1.25");
        }

        @Test
        void heredocBodiesAreNotInstructions() {
            Dependencies deps = scan(fixture("heredoc.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo(HUB + "library/alpine:3.19");
            assertThat(deps.buildtime()).isEmpty();
        }

        @Test
        void continuationLinesWithCommentsAndBlankLinesInside() {
            Dependencies deps = scan(fixture("continuation.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo(HUB + "library/nginx:1.25");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/node:18");
        }

        @Test
        void escapeDirectiveBacktickWithWindowsPathsAndCrlf() { // Azure/acr#199, #115: Windows scan failures
            Dependencies deps = scan(fixture("escape-backtick.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo("mcr.microsoft.com/dotnet/framework/runtime:4.8");
            assertThat(buildtime(deps)).containsExactly("mcr.microsoft.com/windows/servercore:ltsc2022");
        }

        @Test
        void byteOrderMarkAndScratchRuntime() {
            Dependencies deps = scan(fixture("bom-scratch.Dockerfile"));
            assertThat(deps.runtime()).as("FROM scratch has nothing to watch").isNull();
            assertThat(buildtime(deps)).containsExactly(HUB + "library/golang:1.10-alpine");
        }

        @Test
        void lowerAndMixedCaseInstructionsAndStageNames() {
            Dependencies deps = scan(fixture("case-insensitive.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo(HUB + "library/python:3.12-slim");
            assertThat(deps.buildtime()).as("same image as the runtime; builder is a stage").isEmpty();
        }

        @Test
        void platformFlagsAndAutomaticPlatformArgs() {
            Dependencies amd = scan(fixture("platform.Dockerfile"));
            assertThat(runtime(amd)).isEqualTo("registry.example.com/base-amd64:1");
            assertThat(buildtime(amd)).containsExactly(HUB + "library/golang:1.22");

            Dependencies arm = DockerfileScanner.scan(fixture("platform.Dockerfile"), Map.of(), null, "linux/arm64");
            assertThat(runtime(arm)).isEqualTo("registry.example.com/base-arm64:1");
        }

        @Test
        void digestPinnedBases() {
            Dependencies deps = scan(fixture("digest-pinned.Dockerfile"));
            assertThat(deps.runtime().digest()).isEqualTo("sha256:" + "b".repeat(64));
            assertThat(deps.runtime().tag()).isEqualTo("nonroot");
            assertThat(deps.buildtime()).singleElement().satisfies(b -> {
                assertThat(b.repository()).isEqualTo("library/node");
                assertThat(b.tag()).isEqualTo("18");
                assertThat(b.digest()).isEqualTo("sha256:" + "a".repeat(64));
            });
        }

        @Test
        void localhostRegistries() {
            Dependencies deps = scan(fixture("localhost-registry.Dockerfile"));
            assertThat(runtime(deps)).isEqualTo("localhost:5000/base:latest");
            assertThat(deps.runtime().reference()).isEqualTo("localhost:5000/base:latest");
            assertThat(buildtime(deps)).containsExactly("localhost:5000/tools/builder:1", "localhost:5000/assets:2");
        }

        @Test
        void invalidReferenceNamesLineAndProblem() { // Azure/acr-builder#266 "invalid reference format"
            assertThatThrownBy(() -> scan("FROM alpine AS a\n\nFROM Node:18\n"))
                    .isInstanceOf(ScanException.class)
                    .hasMessage("Dockerfile:3: invalid image reference 'Node:18': repository name 'Node' must be"
                            + " lower-case")
                    .extracting(e -> ((ScanException) e).line()).isEqualTo(3);
        }

        @Test
        void pathWithSpacesInFromIsExplained() { // Azure/acr#871
            assertThatThrownBy(() -> scan("FROM my image:1\n"))
                    .hasMessageStartingWith("Dockerfile:1: FROM takes an image and an optional 'AS <name>'")
                    .hasMessageContaining("cannot contain spaces");
        }
    }

    @Nested
    class Args {

        @Test
        void buildArgOverridesDefault() {
            Dependencies deps = DockerfileScanner.scan("ARG V=1\nFROM app:$V\n", Map.of("V", "2"), null);
            assertThat(runtime(deps)).isEqualTo(HUB + "library/app:2");
        }

        @Test
        void laterGlobalDefinitionWinsAsInDocker() {
            // acb kept the first definition (1); Docker's meta-args map keeps the last.
            assertThat(runtime(scan("ARG V=1\nARG V=2\nFROM app:$V\n"))).isEqualTo(HUB + "library/app:2");
        }

        @Test
        void globalDefaultsSeeEarlierGlobals() {
            assertThat(runtime(scan("ARG A=3\nARG B=py${A}\nFROM ${B}:x\n"))).isEqualTo(HUB + "library/py3:x");
        }

        @Test
        void severalArgsOnOneLine() {
            assertThat(runtime(scan("ARG IMG=app TAG=\"1 2\"\nARG TAG2=v\nFROM $IMG:${TAG2}\n")))
                    .isEqualTo(HUB + "library/app:v");
        }

        @Test
        void expansionModifiers() {
            String dockerfile = """
                    ARG UNSET
                    ARG SET=x
                    FROM a:${UNSET:-fallback} AS one
                    FROM b:${SET:+alt} AS two
                    FROM c${UNSET:+never}:${SET}1 AS three
                    ARG LATE=ignored
                    FROM reg.io/${NOT_DECLARED:-d}:t
                    """;
            Dependencies deps = scan(dockerfile);
            assertThat(runtime(deps)).isEqualTo("reg.io/d:t");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/a:fallback", HUB + "library/b:alt",
                    HUB + "library/c:x1");
        }

        @Test
        void patternModifiers() {
            String dockerfile = "ARG FULL=registry.io/team/app:1.2.3\nFROM ${FULL%:*}:${FULL##*:}-slim\n";
            assertThat(runtime(scan(dockerfile))).isEqualTo("registry.io/team/app:1.2.3-slim");
        }

        @Test
        void requiredArgMessage() {
            assertThatThrownBy(() -> scan("ARG BASE\nFROM ${BASE:?required}\n"))
                    .hasMessage("Dockerfile:2: FROM ${BASE:?required}: BASE: required");
            assertThatThrownBy(() -> scan("FROM ${BASE?}\n"))
                    .hasMessage("Dockerfile:1: FROM ${BASE?}: BASE: is not allowed to be unset");
        }

        @Test
        void undeclaredBuildArgIsNotVisibleToFrom() {
            // acb expanded every --build-arg; Docker ignores one no ARG declares.
            assertThatThrownBy(() -> DockerfileScanner.scan("FROM ${BASE}\n", Map.of("BASE", "node"), null))
                    .hasMessage("Dockerfile:1: FROM ${BASE} expands to an empty image name; BASE is passed as"
                            + " --build-arg but not declared with ARG before the first FROM");
        }

        @Test
        void stageArgIsNotVisibleToALaterFrom() {
            String dockerfile = "FROM alpine AS a\nARG TAG=3\nFROM node:${TAG}\n";
            assertThatThrownBy(() -> scan(dockerfile))
                    .hasMessage("Dockerfile:3: invalid image reference 'node:': the tag after ':' is empty (FROM"
                            + " node:${TAG} expanded to 'node:'; TAG is not declared with ARG before the first FROM)");
        }

        @Test
        void emptyGlobalArgIsExplained() {
            assertThatThrownBy(() -> scan("ARG BASE\nFROM $BASE\n"))
                    .hasMessage("Dockerfile:2: FROM $BASE expands to an empty image name; BASE is empty: give it a"
                            + " default or a --build-arg");
        }

        @Test
        void stageArgsExpandCopyFrom() {
            String dockerfile = """
                    ARG TOOLS=busybox:1.36
                    FROM alpine:3.19
                    ARG TOOLS
                    ARG EXTRA=reg.io/extra:${TOOLS#busybox:}
                    COPY --from=${TOOLS} /bin/busybox /bin/busybox
                    COPY --from=$EXTRA /x /x
                    """;
            assertThat(buildtime(scan(dockerfile)))
                    .containsExactly(HUB + "library/busybox:1.36", "reg.io/extra:1.36");
        }

        @Test
        void singleQuotesKeepDollarsLiteral() {
            assertThatThrownBy(() -> scan("ARG T=1\nFROM 'node:$T'\n"))
                    .hasMessageContaining("invalid image reference 'node:$T'");
        }
    }

    @Nested
    class Stages {

        @Test
        void unknownTargetListsStages() {
            assertThatThrownBy(() -> DockerfileScanner.scan("FROM a AS one\nFROM b AS two\n", Map.of(), "three"))
                    .hasMessage("target stage 'three' is not in the Dockerfile; its stages are one, two");
        }

        @Test
        void duplicateStageName() {
            assertThatThrownBy(() -> scan("FROM a AS x\nFROM b AS x\n"))
                    .hasMessage("Dockerfile:2: stage name 'x' is already used on line 1");
        }

        @Test
        void invalidStageName() {
            assertThatThrownBy(() -> scan("FROM a AS 1st\n")).hasMessageStartingWith("Dockerfile:1: invalid stage name '1st'");
        }

        @Test
        void fromNeedsAnImage() {
            assertThatThrownBy(() -> scan("ARG A=1\n\n# comment\n\n\n\nFROM\n"))
                    .hasMessage("Dockerfile:7: FROM needs an image");
            assertThatThrownBy(() -> scan("FROM --platform=linux/amd64\n"))
                    .hasMessage("Dockerfile:1: FROM needs an image");
        }

        @Test
        void fromAsNeedsAName() {
            assertThatThrownBy(() -> scan("FROM node AS\n")).hasMessage("Dockerfile:1: FROM … AS needs a stage name");
        }

        @Test
        void platformFlagNeedsEqualsValue() {
            assertThatThrownBy(() -> scan("FROM --platform linux/amd64 node\n"))
                    .hasMessage("Dockerfile:1: FROM --platform needs a value: write --platform=<os>/<arch>");
            assertThatThrownBy(() -> scan("FROM --chown=1 node\n"))
                    .hasMessage("Dockerfile:1: FROM has no --chown flag; it takes only --platform");
        }

        @Test
        void onlyArgBeforeFirstFrom() {
            assertThatThrownBy(() -> scan("# comment\nRUN echo hi\nFROM a\n"))
                    .hasMessage("Dockerfile:2: RUN comes before the first FROM; only ARG may");
        }

        @Test
        void noFromAtAll() {
            assertThatThrownBy(() -> scan("# syntax=docker/dockerfile:1\nARG A=1\n"))
                    .hasMessage("the Dockerfile has no FROM instruction");
            assertThatThrownBy(() -> scan("")).hasMessage("the Dockerfile has no FROM instruction");
        }

        @Test
        void scratchIsNeverADependency() {
            Dependencies deps = scan("FROM scratch AS empty\nFROM golang:1.22 AS build\nFROM build\n");
            assertThat(runtime(deps)).isEqualTo(HUB + "library/golang:1.22");
            assertThat(deps.buildtime()).isEmpty();
            assertThat(scan("FROM scratch\n").runtime()).isNull();
        }

        @Test
        void sameImageWrittenTwoWaysIsOneDependency() {
            Dependencies deps = scan("FROM golang AS a\nFROM library/golang:latest AS b\nFROM docker.io/golang AS c\n"
                    + "FROM alpine\n");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/golang:latest");
            assertThat(deps.buildtime().getFirst().reference()).isEqualTo("golang:latest");
        }

        @Test
        void runtimeIsNotAlsoBuildtime() {
            Dependencies deps = scan("FROM node:18 AS build\nFROM node:18\nCOPY --from=node:18 /a /b\n");
            assertThat(runtime(deps)).isEqualTo(HUB + "library/node:18");
            assertThat(deps.buildtime()).isEmpty();
        }

        @Test
        void fromAStageNameDefinedLaterIsAnImage() {
            Dependencies deps = scan("FROM later AS first\nFROM alpine AS later\n");
            assertThat(runtime(deps)).isEqualTo(HUB + "library/alpine:latest");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/later:latest");
        }

        @Test
        void stageIndexesAndNamesAreNotImages() {
            Dependencies deps = scan("FROM a:1 AS x\nFROM b:1\nCOPY --from=0 / /\nCOPY --from=X / /\n"
                    + "RUN --mount=from=x,target=/x --mount=type=cache,from=1,target=/c true\n");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/a:1");
        }

        @Test
        void onbuildIsIgnored() {
            Dependencies deps = scan("FROM a:1\nONBUILD COPY --from=b:1 / /\n");
            assertThat(deps.buildtime()).isEmpty();
        }

        @Test
        void invalidCopyFromImage() {
            assertThatThrownBy(() -> scan("FROM a\nCOPY --from=Build / /\n"))
                    .hasMessage("Dockerfile:2: invalid image reference 'Build': repository name 'Build' must be"
                            + " lower-case (not a stage name either)");
        }

        @Test
        void buildtimeKeepsOrderOfAppearance() {
            Dependencies deps = scan("FROM z:1 AS z\nFROM a:1 AS a\nFROM m:1\nCOPY --from=b:1 / /\n");
            assertThat(buildtime(deps)).containsExactly(HUB + "library/z:1", HUB + "library/a:1",
                    HUB + "library/b:1");
        }
    }
}
