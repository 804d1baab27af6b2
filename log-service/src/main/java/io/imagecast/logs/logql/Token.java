package io.imagecast.logs.logql;

record Token(Kind kind, String text, int column) {
    enum Kind {
        IDENT,
        STRING,
        NUMBER,
        DURATION,
        SYMBOL,
        EOF
    }

    boolean is(Kind kind, String text) {
        return this.kind == kind && this.text.equals(text);
    }

    boolean isSymbol(String symbol) {
        return is(Kind.SYMBOL, symbol);
    }

    String describe() {
        return kind == Kind.EOF
                ? "end of input"
                : switch (kind) {
                    case STRING -> "STRING";
                    case NUMBER -> "NUMBER " + text;
                    case DURATION -> "DURATION " + text;
                    case IDENT -> "IDENTIFIER " + text;
                    default -> text;
                };
    }
}
