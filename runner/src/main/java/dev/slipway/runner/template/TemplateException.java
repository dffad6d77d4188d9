package dev.slipway.runner.template;

/**
 * A task template could not be parsed or rendered. The message reads like Go's {@code text/template} errors without
 * their {@code "template: "} prefix, so it can be compared with what ACR prints for the same file:
 * {@code acb.yaml:12: function "foo" not defined} for parse errors and
 * {@code acb.yaml:3:15: executing "acb.yaml" at <.Values.a.b>: nil pointer evaluating interface {}.b} for
 * render errors.
 */
public final class TemplateException extends RuntimeException {
    private final String templateName;
    private final int line;
    private final int column;
    private final String detail;

    TemplateException(String templateName, int line, int column, String detail) {
        super(templateName + ":" + line + (column >= 0 ? ":" + column : "") + ": " + detail);
        this.templateName = templateName;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The name given to {@link Template#parse}, e.g. {@code acb.yaml}. */
    public String templateName() {
        return templateName;
    }

    /** 1-based line in the template text. */
    public int line() {
        return line;
    }

    /**
     * Column of a render error as Go reports it: the 0-based byte offset within the line; -1 for parse errors,
     * which Go reports by line only.
     */
    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
