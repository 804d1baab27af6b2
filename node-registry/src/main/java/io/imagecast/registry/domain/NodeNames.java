package io.imagecast.registry.domain;

import java.util.regex.Pattern;

/** Node and group names are DNS labels: they appear in hostnames, Kafka keys and URLs unescaped. */
public final class NodeNames {
    public static final String PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    public static final String RULE =
            "must be a DNS label: 1-63 lowercase letters, digits or '-', not starting" + " or ending with '-'";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private NodeNames() {}

    public static boolean isValid(String name) {
        return name != null && COMPILED.matcher(name).matches();
    }
}
