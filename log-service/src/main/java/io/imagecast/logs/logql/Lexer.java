package io.imagecast.logs.logql;

import io.imagecast.logs.logql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits a LogQL query into tokens; columns are 1-based like Loki's messages. */
final class Lexer {
    private static final String[] SYMBOLS = {
        "|=", "|~", "!=", "!~", "=~", "{", "}", "(", ")", "[", "]", ",", "=", "+", "-", "*", "/", "|"
    };

    private final String input;
    private int pos;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new Lexer(input).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= input.length()) {
                tokens.add(new Token(Kind.EOF, "", pos + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = input.charAt(pos);
        if (c == '"') {
            return new Token(Kind.STRING, quoted(), start + 1);
        }
        if (c == '`') {
            int end = input.indexOf('`', pos + 1);
            if (end < 0) {
                throw new LogQLParseException(start + 1, "syntax error: unterminated raw string");
            }
            pos = end + 1;
            return new Token(Kind.STRING, input.substring(start + 1, end), start + 1);
        }
        if (Character.isDigit(c)
                || (c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1)))) {
            return numberOrDuration(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.IDENT, input.substring(start, pos), start + 1);
        }
        for (String symbol : SYMBOLS) {
            if (input.startsWith(symbol, pos)) {
                pos += symbol.length();
                return new Token(Kind.SYMBOL, symbol, start + 1);
            }
        }
        throw new LogQLParseException(start + 1, "syntax error: unexpected character '" + c + "'");
    }

    private Token numberOrDuration(int start) {
        while (pos < input.length() && (Character.isDigit(input.charAt(pos)) || input.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < input.length() && Character.isLetter(input.charAt(pos))) {
            while (pos < input.length() && Character.isLetterOrDigit(input.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.DURATION, input.substring(start, pos), start + 1);
        }
        return new Token(Kind.NUMBER, input.substring(start, pos), start + 1);
    }

    private String quoted() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= input.length()) {
                    break;
                }
                char escaped = input.charAt(pos++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '\\', '"', '\'' -> value.append(escaped);
                    default -> throw new LogQLParseException(pos - 1, "syntax error: invalid escape \\" + escaped);
                }
            } else {
                value.append(c);
            }
        }
        throw new LogQLParseException(start + 1, "syntax error: unterminated string");
    }
}
