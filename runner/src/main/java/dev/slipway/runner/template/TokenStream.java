package dev.slipway.runner.template;

import dev.slipway.runner.template.Token.Kind;

import java.util.List;

/**
 * The parser's view of the lexed tokens: Go's next/peek/backup with lookahead, and parse errors located like
 * Go's (the line of the furthest token read, "unclosed action started at" for actions spanning lines).
 */
final class TokenStream {
    private final String name;
    private final List<Token> tokens;
    private int index;
    private int furthest;
    private int actionLine;

    TokenStream(String name, List<Token> tokens) {
        this.name = name;
        this.tokens = tokens;
    }

    /** Position to return to with {@link #reset}. */
    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    /** The line of the {@code {{} being parsed, 0 outside actions. */
    void actionLine(int line) {
        actionLine = line;
    }

    /** The next token; past the end the last (EOF or error) token repeats. */
    Token next() {
        Token t = tokens.get(Math.min(index, tokens.size() - 1));
        index++;
        furthest = Math.max(furthest, Math.min(index - 1, tokens.size() - 1));
        return t;
    }

    Token peek() {
        Token t = next();
        index--;
        return t;
    }

    void backup() {
        index--;
    }

    Token nextNonSpace() {
        Token t;
        do {
            t = next();
        } while (t.kind() == Kind.SPACE);
        return t;
    }

    /** Skips spaces and returns, without consuming, the token after them. */
    Token peekNonSpace() {
        Token t = nextNonSpace();
        backup();
        return t;
    }

    Token expect(Kind expected, String context) {
        Token token = nextNonSpace();
        if (token.kind() != expected) {
            throw unexpected(token, context);
        }
        return token;
    }

    TemplateException unexpected(Token token, String context) {
        if (token.kind() == Kind.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != token.line()) {
                extra = (token.val().endsWith(" action") ? " started at " : " in action started at ")
                        + name + ":" + actionLine;
            }
            return error(token.val() + extra);
        }
        return error("unexpected " + token + " in " + context);
    }

    /** Go reports parse errors at the line of the last token read. */
    TemplateException error(String message) {
        return new TemplateException(name, tokens.get(furthest).line(), -1, message);
    }
}
