package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Task aliases, YAML {@code v1.1.0}+ (acb's graph/preprocessor.go, global-defaults-linux.go; ACR docs "Aliases"):
 * {@code $Registry}, {@code $ID}… stand for run variables, {@code alias: values:} and {@code alias: src:} files add
 * custom ones, {@code alias: directive:} swaps {@code $} for another character, and the image aliases
 * ({@code bash}, {@code az}…) replace the first word of a {@code cmd}.
 *
 * <p>Aliases apply only when the file's first non-comment line is {@code version: X} with X ≥ {@code "v1.1.0"} as a
 * string (acb's FindVersion); otherwise the text is returned as it came. Precedence: inline values, then src files
 * (the last listed first), then the predefined ones. Substitution happens on the text, before templating, so alias
 * values may contain template expressions and even whole YAML fragments.
 */
public final class Aliases {
    /** The run-variable aliases of acb's Linux defaults, plus {@code TaskName} (a Slipway addition). */
    public static final Map<String, String> RUN_VARIABLES = ordered(
            "ID", "{{.Run.ID}}",
            "SharedVolume", "{{.Run.SharedVolume}}",
            "Registry", "{{.Run.Registry}}",
            "RegistryName", "{{.Run.RegistryName}}",
            "Date", "{{.Run.Date}}",
            "OS", "{{.Run.OS}}",
            "Architecture", "{{.Run.Architecture}}",
            "Commit", "{{.Run.Commit}}",
            "Branch", "{{.Run.Branch}}",
            "TaskName", "{{.Run.TaskName}}");

    /** acb's Linux image aliases (graph/global-defaults-linux.go); Slipway deployments may point them elsewhere. */
    public static final Map<String, String> IMAGES = ordered(
            "acr", "mcr.microsoft.com/acr/acr-cli:0.19",
            "az", "mcr.microsoft.com/acr/azure-cli:fe316c9",
            "bash", "mcr.microsoft.com/acr/bash:fe316c9",
            "curl", "mcr.microsoft.com/acr/curl:fe316c9",
            "cssc", "mcr.microsoft.com/acr/cssc:fe316c9");

    /** What acb logs when aliases are on. */
    public static final String ENABLED_NOTE = "Alias support enabled for version >= 1.1.0, please see "
            + "https://aka.ms/acr/tasks/task-aliases for more information.";

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9]+");
    private static final Aliases DEFAULTS = new Aliases(IMAGES);

    private final Map<String, String> predefined;

    private Aliases(Map<String, String> images) {
        var all = new LinkedHashMap<>(RUN_VARIABLES);
        all.putAll(images);
        this.predefined = Collections.unmodifiableMap(all);
    }

    public static Aliases defaults() {
        return DEFAULTS;
    }

    /** The run-variable aliases with another image map (e.g. mirrors of acb's MCR images). */
    public static Aliases withImages(Map<String, String> images) {
        return new Aliases(images);
    }

    /** Substitutes aliases in a raw task file with the default aliases; the alias block is not templated. */
    public static String apply(String yaml, AliasSources loader) {
        return DEFAULTS.process(yaml, loader, Function.identity()).text();
    }

    /**
     * @param renderAliasSection the template engine: acb renders the {@code alias:} block with the run's values
     *                           before reading it, so {@code values: {tag: "{{.Values.tag}}"}} works
     */
    public Result process(String yaml, AliasSources loader, Function<String, String> renderAliasSection) {
        if (!TaskVersion.aliasesEnabled(TaskVersion.find(yaml))) {
            return new Result(yaml, Map.of(), false);
        }
        AliasSection.Split split = AliasSection.split(yaml);
        AliasSection section = split.alias().isEmpty() ? AliasSection.EMPTY
                : AliasSection.parse(renderAliasSection.apply(split.alias()), new ArrayList<>());

        var aliases = new LinkedHashMap<>(section.values());
        List<String> src = section.src();
        for (int i = src.size() - 1; i >= 0; i--) {
            load(src.get(i), loader).forEach(aliases::putIfAbsent);
        }
        predefined.forEach(aliases::putIfAbsent);

        int directive = directive(section);
        for (String key : aliases.keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw new TaskSpecException("alias key names only support alphanumeric characters: "
                        + TaskVersion.goQuote(key));
            }
        }
        return new Result(AliasScanner.replace(split.rest(), aliases, directive), aliases, true);
    }

    private static Map<String, String> load(String source, AliasSources loader) {
        try {
            return AliasSection.parseFile(loader.load(source));
        } catch (TaskSpecException e) {
            throw new TaskSpecException("failed to read alias source " + source + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new TaskSpecException("failed to load alias source " + source + ": " + e.getMessage(), e);
        }
    }

    private static int directive(AliasSection section) {
        String d = section.directive();
        if (d.isEmpty()) {
            return '$';
        }
        if (d.codePointCount(0, d.length()) != 1) {
            throw new TaskSpecException("$ directive can only be overwritten by a single character");
        }
        int c = d.codePointAt(0);
        if (AliasScanner.isAlphanumeric(c)) {
            throw new TaskSpecException("overwritten directives may not be alphanumeric characters");
        }
        return c;
    }

    private static Map<String, String> ordered(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The substituted text and the aliases in force (empty when aliases are off).
     *
     * @param enabled whether the file's version turned aliases on
     */
    public record Result(String text, Map<String, String> aliases, boolean enabled) {
        public Result {
            aliases = Specs.orderedCopy(aliases);
        }

        /**
         * acb's ExpandCommandAliases: when the first space-separated word of the trimmed {@code cmd} is an alias
         * name (no directive needed: {@code cmd: bash echo hi}), it becomes the alias value.
         */
        public String expandCommand(String cmd) {
            String[] parts = cmd.strip().split(" ", -1);
            String value = aliases.get(parts[0]);
            if (value == null) {
                return cmd;
            }
            parts[0] = value;
            return String.join(" ", parts);
        }

        /** Applies {@link #expandCommand} to every cmd step of a parsed task. */
        public TaskSpec expandCommands(TaskSpec spec) {
            if (!enabled) {
                return spec;
            }
            return spec.withSteps(spec.steps().stream()
                    .map(s -> s instanceof CmdStep c ? new CmdStep(c.properties(), expandCommand(c.cmd())) : s)
                    .toList());
        }
    }
}
