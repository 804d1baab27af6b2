package io.imagecast.logs.domain;

import java.util.List;

/** A piece of SQL and its positional parameters, in order. */
public record SqlFragment(String sql, List<Object> params) {
    public SqlFragment {
        params = List.copyOf(params);
    }
}
