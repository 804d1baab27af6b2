package io.imagecast.cli.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A query string from optional parameters; absent values are left out, lists repeat the parameter. */
public final class Query {
    private final StringBuilder text = new StringBuilder();

    public Query add(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            text.append(text.length() == 0 ? '?' : '&')
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
        return this;
    }

    public Query addAll(String name, List<?> values) {
        if (values != null) {
            values.forEach(value -> add(name, value));
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
