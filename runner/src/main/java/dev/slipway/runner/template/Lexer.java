package dev.slipway.runner.template;

import dev.slipway.runner.template.Token.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Splits a template into {@link Token}s, a port of Go's {@code text/template/parse/lex.go} state machine (without
 * custom delimiters). Trim markers are handled here, as in Go, so the parser never sees them. Lexing stops at the
 * first error, which becomes an {@link Kind#ERROR} token for the parser to report.
 */
final class Lexer {
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final String LEFT_COMMENT = "/*";
    private static final String RIGHT_COMMENT = "*/";
    private static final int EOF = -1;
    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry(".", Kind.DOT), Map.entry("block", Kind.BLOCK), Map.entry("break", Kind.BREAK),
            Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE), Map.entry("else", Kind.ELSE),
            Map.entry("end", Kind.END), Map.entry("if", Kind.IF), Map.entry("range", Kind.RANGE),
            Map.entry("nil", Kind.NIL), Map.entry("template", Kind.TEMPLATE), Map.entry("with", Kind.WITH));

    private enum State { TEXT, LEFT_DELIM, COMMENT, INSIDE, RIGHT_DELIM, DONE }

    private final String input;
    private final int[] lineStarts;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private int width;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
        this.lineStarts = lineStarts(input);
    }

    static List<Token> lex(String input) {
        Lexer l = new Lexer(input);
        State state = State.TEXT;
        while (state != State.DONE) {
            state = switch (state) {
                case TEXT -> l.lexText();
                case LEFT_DELIM -> l.lexLeftDelim();
                case COMMENT -> l.lexComment();
                case INSIDE -> l.lexInsideAction();
                case RIGHT_DELIM -> l.lexRightDelim();
                case DONE -> State.DONE;
            };
        }
        return l.tokens;
    }

    /** 1-based line of a char offset. */
    static int lineOf(int[] lineStarts, int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private State lexText() {
        int x = input.indexOf(LEFT, pos);
        if (x < 0) {
            pos = input.length();
            if (pos > start) {
                emit(Kind.TEXT);
            }
            emit(Kind.EOF);
            return State.DONE;
        }
        int end = x;
        if (hasLeftTrimMarker(x + LEFT.length())) {
            while (end > start && isSpace(input.charAt(end - 1))) {
                end--;
            }
        }
        pos = end;
        if (pos > start) {
            emit(Kind.TEXT);
        }
        pos = x;
        start = x;
        return State.LEFT_DELIM;
    }

    private State lexLeftDelim() {
        pos += LEFT.length();
        int afterMarker = hasLeftTrimMarker(pos) ? 2 : 0;
        if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
            pos += afterMarker;
            start = pos;
            return State.COMMENT;
        }
        emit(Kind.LEFT_DELIM);
        pos += afterMarker;
        start = pos;
        parenDepth = 0;
        return State.INSIDE;
    }

    private State lexComment() {
        pos += LEFT_COMMENT.length();
        int x = input.indexOf(RIGHT_COMMENT, pos);
        if (x < 0) {
            return error("unclosed comment");
        }
        pos = x + RIGHT_COMMENT.length();
        int delim = atRightDelim();
        if (delim == 0) {
            return error("comment ends before closing delimiter");
        }
        pos += delim == 2 ? 2 + RIGHT.length() : RIGHT.length();
        if (delim == 2) {
            pos += leftTrimLength(pos);
        }
        start = pos;
        return State.TEXT;
    }

    private State lexRightDelim() {
        boolean trim = atRightDelim() == 2;
        if (trim) {
            pos += 2;
            start = pos;
        }
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (trim) {
            pos += leftTrimLength(pos);
            start = pos;
        }
        return State.TEXT;
    }

    private State lexInsideAction() {
        if (atRightDelim() != 0) {
            return parenDepth == 0 ? State.RIGHT_DELIM : error("unclosed left paren");
        }
        int r = next();
        if (r == EOF) {
            return error("unclosed action");
        }
        if (isSpace(r)) {
            backup();
            return lexSpace();
        }
        switch (r) {
            case '=' -> emit(Kind.ASSIGN);
            case ':' -> {
                if (next() != '=') {
                    return error("expected :=");
                }
                emit(Kind.DECLARE);
            }
            case '|' -> emit(Kind.PIPE);
            case '"' -> { return lexQuote(); }
            case '`' -> { return lexRawQuote(); }
            case '$' -> { return atTerminator() ? emitThen(Kind.VARIABLE) : lexFieldOrVariable(Kind.VARIABLE); }
            case '\'' -> { return lexChar(); }
            case '(' -> {
                emit(Kind.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(Kind.RIGHT_PAREN);
                if (--parenDepth < 0) {
                    return error("unexpected right paren");
                }
            }
            default -> {
                if (r == '.' && (pos >= input.length() || input.charAt(pos) < '0' || input.charAt(pos) > '9')) {
                    return lexFieldOrVariable(Kind.FIELD);
                }
                if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
                    backup();
                    return lexNumber();
                }
                if (isAlphaNumeric(r)) {
                    backup();
                    return lexIdentifier();
                }
                if (r <= 0x7f && r >= 0x20 && r != 0x7f) {
                    emit(Kind.CHAR);
                } else {
                    return error("unrecognized character in action: " + unicodeName(r));
                }
            }
        }
        return State.INSIDE;
    }

    private State lexSpace() {
        int spaces = 0;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
            spaces++;
        }
        // A " -}}" ends the action: leave its space for the right delimiter to see.
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
            pos--;
            if (spaces == 1) {
                return State.RIGHT_DELIM;
            }
        }
        emit(Kind.SPACE);
        return State.INSIDE;
    }

    private State lexIdentifier() {
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        if (!atTerminator()) {
            return error("bad character " + unicodeName(r));
        }
        String word = input.substring(start, pos);
        Kind keyword = KEYWORDS.get(word);
        if (keyword != null) {
            emit(keyword);
        } else if (word.equals("true") || word.equals("false")) {
            emit(Kind.BOOL);
        } else {
            emit(Kind.IDENTIFIER);
        }
        return State.INSIDE;
    }

    /** Scans {@code .Field} or {@code $var}; the '.' or '$' has been read. */
    private State lexFieldOrVariable(Kind kind) {
        if (atTerminator()) {
            return emitThen(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
        }
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        if (!atTerminator()) {
            return error("bad character " + unicodeName(r));
        }
        return emitThen(kind);
    }

    private State lexChar() {
        while (true) {
            int r = next();
            if (r == '\\') {
                r = next();
                if (r != EOF && r != '\n') {
                    continue;
                }
            }
            if (r == EOF || r == '\n') {
                return error("unterminated character constant");
            }
            if (r == '\'') {
                return emitThen(Kind.CHAR_CONSTANT);
            }
        }
    }

    private State lexNumber() {
        if (!scanNumber()) {
            return error("bad number syntax: " + GoFmt.quote(input.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                return error("bad number syntax: " + GoFmt.quote(input.substring(start, pos)));
            }
            return emitThen(Kind.COMPLEX);
        }
        return emitThen(Kind.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    private State lexQuote() {
        while (true) {
            int r = next();
            if (r == '\\') {
                r = next();
                if (r != EOF && r != '\n') {
                    continue;
                }
            }
            if (r == EOF || r == '\n') {
                return error("unterminated quoted string");
            }
            if (r == '"') {
                return emitThen(Kind.STRING);
            }
        }
    }

    private State lexRawQuote() {
        int end = input.indexOf('`', pos);
        if (end < 0) {
            return error("unterminated raw quoted string");
        }
        pos = end + 1;
        return emitThen(Kind.RAW_STRING);
    }

    /** 0 = not at "}}", 1 = at "}}", 2 = at " -}}" (a trim marker, then the delimiter). */
    private int atRightDelim() {
        if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
            return 2;
        }
        return input.startsWith(RIGHT, pos) ? 1 : 0;
    }

    /** Go's atTerminator: what may follow an identifier, a field or a variable. */
    private boolean atTerminator() {
        int r = peek();
        return r == EOF || isSpace(r) || r == '.' || r == ',' || r == '|' || r == ':' || r == ')' || r == '('
                || r == '}';
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at >= 0 && at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
    }

    private int leftTrimLength(int at) {
        int i = at;
        while (i < input.length() && isSpace(input.charAt(i))) {
            i++;
        }
        return i - at;
    }

    private int next() {
        if (pos >= input.length()) {
            width = 0;
            return EOF;
        }
        int r = input.codePointAt(pos);
        width = Character.charCount(r);
        pos += width;
        return r;
    }

    private int peek() {
        return pos >= input.length() ? EOF : input.codePointAt(pos);
    }

    private void backup() {
        pos -= width;
    }

    private boolean accept(String valid) {
        int r = next();
        if (r != EOF && valid.indexOf(r) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    private void emit(Kind kind) {
        tokens.add(new Token(kind, start, input.substring(start, pos), lineOf(lineStarts, start)));
        start = pos;
    }

    private State emitThen(Kind kind) {
        emit(kind);
        return State.INSIDE;
    }

    private State error(String message) {
        tokens.add(new Token(Kind.ERROR, start, message, lineOf(lineStarts, start)));
        return State.DONE;
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || (r != EOF && (Character.isLetter(r) || Character.isDigit(r)));
    }

    /** Go's {@code %#U}: {@code U+0023 '#'}. */
    static String unicodeName(int r) {
        String hex = String.format("U+%04X", r);
        return Character.isISOControl(r) || !Character.isDefined(r) ? hex : hex + " '" + Character.toString(r) + "'";
    }
}
