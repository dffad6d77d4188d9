package dev.slipway.runner.template;

/**
 * One lexical item of a template, as Go's {@code text/template/parse} lexer produces it.
 *
 * @param pos  char offset of the item in the template text
 * @param line 1-based line of the item's start
 */
record Token(Kind kind, int pos, String val, int line) {

    enum Kind {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM, LEFT_PAREN,
        NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // Keywords come last, as in Go, so "is a keyword" is an ordinal comparison.
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** Go's {@code item.String()}: this text appears verbatim in "unexpected X in Y" messages. */
    @Override
    public String toString() {
        if (kind == Kind.EOF) {
            return "EOF";
        }
        if (kind == Kind.ERROR) {
            return val;
        }
        if (kind.isKeyword()) {
            return "<" + val + ">";
        }
        if (val.codePointCount(0, val.length()) > 10) {
            return GoFmt.quote(val.substring(0, val.offsetByCodePoints(0, 10))) + "...";
        }
        return GoFmt.quote(val);
    }
}
