package dev.slipway.runner.scan;

import dev.slipway.runner.scan.DockerfileLexer.Instruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the base images of a Docker build (acb's {@code scan/dependencies.go}, with a real parser).
 *
 * <p>The stages are read up to the {@code --target} stage (or the last one). The runtime dependency is the origin
 * image of that stage: a stage built {@code FROM} another stage has that stage's origin. Every other image the
 * build pulls is a build-time dependency: other stages' bases and images named by {@code COPY --from} or
 * {@code RUN --mount=from=} that are neither a stage name nor a stage index. {@code FROM scratch} pulls nothing.
 *
 * <p>Like acb and Docker's classic builder, every stage before the target counts, even one the target does not
 * use; BuildKit would skip it. A trigger too many is cheaper than a missed base-image update.
 */
public final class DockerfileScanner {

    /** The platform assumed when the build names none: what the agents run. */
    public static final String DEFAULT_PLATFORM = "linux/amd64";

    private static final Pattern STAGE_INDEX = Pattern.compile("[0-9]+");
    private static final String SCRATCH = "scratch";

    private DockerfileScanner() {
    }

    private record Stage(int index, Instructions.From from, List<Instruction> body) {
    }

    /** See {@link #scan(String, Map, String, String)}; builds for {@value #DEFAULT_PLATFORM}. */
    public static Dependencies scan(String dockerfile, Map<String, String> buildArgs, String target) {
        return scan(dockerfile, buildArgs, target, null);
    }

    /**
     * Scans a Dockerfile's text.
     *
     * @param dockerfile the Dockerfile's content
     * @param buildArgs  {@code --build-arg} values (a name counts only if the Dockerfile declares it with ARG)
     * @param target     the {@code --target} stage, or null for the last stage
     * @param platform   the {@code --platform} of the build ({@code os/arch[/variant]}), or null for
     *                   {@value #DEFAULT_PLATFORM}; it gives the automatic {@code TARGETARCH}-style ARGs their values
     * @throws ScanException naming the line when the Dockerfile cannot be understood
     */
    public static Dependencies scan(String dockerfile, Map<String, String> buildArgs, String target, String platform) {
        DockerfileLexer.Lexed lexed = DockerfileLexer.lex(dockerfile);
        char escape = lexed.escape();
        ArgScope global = ArgScope.global(buildArgs == null ? Map.of() : Map.copyOf(buildArgs),
                platform == null ? DEFAULT_PLATFORM : platform);
        List<Stage> stages = new ArrayList<>();
        for (Instruction instruction : lexed.instructions()) {
            if (instruction.keyword().equals("FROM")) {
                stages.add(new Stage(stages.size(), Instructions.from(instruction), new ArrayList<>()));
            } else if (!stages.isEmpty()) {
                stages.getLast().body().add(instruction);
            } else if (instruction.keyword().equals("ARG")) {
                declareArgs(global, instruction, escape);
            } else {
                throw ScanException.at(instruction.line(),
                        instruction.keyword() + " comes before the first FROM; only ARG may");
            }
        }
        if (stages.isEmpty()) {
            throw new ScanException("the Dockerfile has no FROM instruction");
        }
        int last = targetIndex(stages, target);
        Map<String, Integer> stageIndexByName = stageNames(stages);

        Map<String, ImageReference> images = new LinkedHashMap<>(); // by fullName, in order of appearance
        List<ImageReference> origins = new ArrayList<>(); // per stage; null = scratch
        for (Stage stage : stages.subList(0, last + 1)) {
            Instructions.From from = stage.from();
            String image = expandedImage(from, global, escape);
            Integer earlierStage = stageIndexByName.get(lower(image));
            if (earlierStage != null && earlierStage < stage.index()) {
                origins.add(origins.get(earlierStage)); // FROM <stage>: that stage's origin
            } else {
                ImageReference origin = imageOrigin(from, image, global);
                origins.add(origin);
                if (origin != null) {
                    images.putIfAbsent(origin.fullName(), origin);
                }
            }
            bodyImages(stage, global.stage(), escape, stageIndexByName)
                    .forEach(ref -> images.putIfAbsent(ref.fullName(), ref));
        }
        ImageReference runtime = origins.getLast();
        if (runtime != null) {
            images.remove(runtime.fullName());
        }
        return new Dependencies(runtime, List.copyOf(images.values()));
    }

    /** Images a stage's instructions pull: {@code COPY --from=<image>} and {@code RUN --mount=from=<image>}. */
    private static List<ImageReference> bodyImages(Stage stage, ArgScope scope, char escape,
            Map<String, Integer> stageIndexByName) {
        List<ImageReference> images = new ArrayList<>();
        for (Instruction instruction : stage.body()) {
            List<String> refs = switch (instruction.keyword()) {
                case "ARG" -> {
                    declareArgs(scope, instruction, escape);
                    yield List.of();
                }
                case "COPY" -> Instructions.copyFrom(instruction, scope, escape).stream().toList();
                case "RUN" -> Instructions.mountSources(instruction, scope, escape);
                default -> List.of(); // nothing else pulls an image
            };
            for (String ref : refs) {
                ImageReference image = external(ref, instruction.line(), stageIndexByName);
                if (image != null) {
                    images.add(image);
                }
            }
        }
        return images;
    }

    private static void declareArgs(ArgScope scope, Instruction instruction, char escape) {
        List<String> words = ShellWords.split(instruction.args(), escape);
        if (words.isEmpty()) {
            throw ScanException.at(instruction.line(), "ARG needs a name");
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (name.isEmpty()) {
                throw ScanException.at(instruction.line(), "ARG '" + word + "' has no name before '='");
            }
            try {
                scope.declare(name, eq < 0 ? null : word.substring(eq + 1), escape);
            } catch (ShellWords.WordException e) {
                throw ScanException.at(instruction.line(), "ARG " + name + ": " + e.getMessage());
            }
        }
    }

    private static int targetIndex(List<Stage> stages, String target) {
        if (target == null || target.isEmpty()) {
            return stages.size() - 1;
        }
        for (Stage stage : stages) {
            if (lower(target).equals(stage.from().name())) {
                return stage.index();
            }
        }
        List<String> names = stages.stream().map(s -> s.from().name()).filter(n -> n != null).toList();
        throw new ScanException("target stage '" + target + "' is not in the Dockerfile; "
                + (names.isEmpty() ? "it has no named stages" : "its stages are " + String.join(", ", names)));
    }

    private static Map<String, Integer> stageNames(List<Stage> stages) {
        Map<String, Integer> byName = new HashMap<>();
        Map<String, Integer> lineByName = new HashMap<>();
        for (Stage stage : stages) {
            String name = stage.from().name();
            if (name == null) {
                continue;
            }
            Integer earlier = lineByName.putIfAbsent(name, stage.from().line());
            if (earlier != null) {
                throw ScanException.at(stage.from().line(),
                        "stage name '" + name + "' is already used on line " + earlier);
            }
            byName.put(name, stage.index());
        }
        return byName;
    }

    /** The image a stage starts {@code FROM}, null for scratch. */
    private static ImageReference imageOrigin(Instructions.From from, String image, ArgScope global) {
        if (image.isEmpty()) {
            throw ScanException.at(from.line(), "FROM " + from.image() + " expands to an empty image name"
                    + emptyHint(from.image(), global));
        }
        if (image.equals(SCRATCH)) {
            return null;
        }
        try {
            return ImageReference.parse(image);
        } catch (ScanException e) {
            String expanded = image.equals(from.image()) ? "" : " (FROM " + from.image() + " expanded to '" + image
                    + "'" + emptyHint(from.image(), global) + ")";
            throw ScanException.at(from.line(), e.getMessage() + expanded);
        }
    }

    private static String expandedImage(Instructions.From from, ArgScope global, char escape) {
        try {
            return ShellWords.expand(from.image(), global::get, escape);
        } catch (ShellWords.WordException e) {
            throw ScanException.at(from.line(), "FROM " + from.image() + ": " + e.getMessage());
        }
    }

    /** Explains the usual cause of an empty FROM part: an ARG that FROM cannot see. */
    private static String emptyHint(String raw, ArgScope global) {
        List<String> hints = new ArrayList<>();
        var m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)").matcher(raw);
        while (m.find()) {
            String name = m.group(1);
            String value = global.get(name);
            if (value == null) {
                hints.add(global.passed(name) ? name + " is passed as --build-arg but not declared with ARG before"
                        + " the first FROM" : name + " is not declared with ARG before the first FROM");
            } else if (value.isEmpty()) {
                hints.add(name + " is empty: give it a default or a --build-arg");
            }
        }
        return hints.isEmpty() ? "" : "; " + String.join("; ", hints);
    }

    /** Null for a stage name or index; otherwise the external image {@code ref} names. */
    private static ImageReference external(String ref, int line, Map<String, Integer> stageIndexByName) {
        if (STAGE_INDEX.matcher(ref).matches() || stageIndexByName.containsKey(lower(ref))) {
            return null;
        }
        try {
            return ImageReference.parse(ref);
        } catch (ScanException e) {
            throw ScanException.at(line, e.getMessage() + " (not a stage name either)");
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
