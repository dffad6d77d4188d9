/**
 * Task-file templating as acb does it: Go's {@code text/template} language with Sprig v2 functions, rendered with
 * {@code missingkey=zero} and {@code <no value>} removed. Written by hand because no Java library implements Go
 * templates; the lexer, parser and executor follow Go's {@code text/template/parse} and {@code exec.go} closely
 * (same scoping, same error wording) so a task file renders, or fails, as it would in ACR.
 *
 * <p>Public surface: {@link dev.slipway.runner.template.Template} and
 * {@link dev.slipway.runner.template.TemplateException}. Inside: {@code Lexer} → {@code Parser} (tree of
 * {@code Node}s per template name) → {@code Executor}/{@code Evaluator} over {@code Functions}; {@code GoFmt},
 * {@code GoFloat}, {@code GoTime} and {@code GoJson} reproduce Go's value printing.
 */
package dev.slipway.runner.template;
