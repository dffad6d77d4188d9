package dev.slipway.runner.template;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed task template: the Go {@code text/template} language with Sprig functions, rendered the way acb
 * renders {@code acr-task.yaml} ({@code missingkey=zero}, then every {@code <no value>} removed from the output).
 *
 * <pre>{@code
 * Template t = Template.parse("acb.yaml", text);           // syntax and function names checked here
 * String yaml = t.render(Map.of("Run", run, "Values", values, "Secrets", secrets));
 * }</pre>
 *
 * <p>Data are nested {@code Map<String, ?>}, {@code List}, {@code String}, {@code Number} and {@code Boolean}
 * values; a missing key renders as nothing. Both methods throw {@link TemplateException}. A template is immutable
 * and may be rendered concurrently.
 */
public final class Template {
    private final String name;
    private final String text;
    private final Map<String, Node.ListNode> templates;

    private Template(String name, String text, Map<String, Node.ListNode> templates) {
        this.name = name;
        this.text = text;
        this.templates = templates;
    }

    /**
     * Parses {@code text}; {@code name} (usually the file name) appears in error messages and is the name
     * {@code {{template}}} can call the whole file by.
     */
    public static Template parse(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        return new Template(name, text, Map.copyOf(Parser.parse(name, text, Functions::has)));
    }

    public String name() {
        return name;
    }

    /** Renders with acb's semantics: Go's output with every {@code <no value>} removed. */
    public String render(Map<String, ?> data) {
        return render(data, Clock.systemUTC());
    }

    String render(Map<String, ?> data, Clock clock) {
        return execute(data, clock).replace("<no value>", "");
    }

    /** Go's own output, {@code <no value>} included: what golden tests compare with real Go. */
    String execute(Object data, Clock clock) {
        return new Executor(name, text, templates, clock).execute(data);
    }
}
