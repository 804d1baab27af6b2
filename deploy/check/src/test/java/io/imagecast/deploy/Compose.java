package io.imagecast.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** deploy/compose.yaml as Compose reads it: YAML with anchors and merge keys, then variable interpolation. */
final class Compose {
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private Compose() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> load() {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return (Map<String, Object>) yaml.load(Repo.read("deploy/compose.yaml"));
    }

    /**
     * Compose's interpolation: {@code $$}, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
     * {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}}, against {@code env} only.
     */
    static String interpolate(String value, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(4) != null) {
                replacement = env.getOrDefault(m.group(4), "");
            } else {
                String name = m.group(1);
                String op = m.group(2);
                String arg = m.group(3);
                String set = env.get(name);
                boolean colon = op != null && op.startsWith(":");
                boolean missing = set == null || (colon && set.isEmpty());
                if (op == null) {
                    replacement = set == null ? "" : set;
                } else if (op.endsWith("-")) {
                    replacement = missing ? arg : set;
                } else if (missing) {
                    throw new IllegalArgumentException(name + " is required: " + arg);
                } else {
                    replacement = set;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new AssertionError(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        if (!(node instanceof List<?> list)) {
            throw new AssertionError(what + " is not a list: " + node);
        }
        return (List<Object>) list;
    }
}
