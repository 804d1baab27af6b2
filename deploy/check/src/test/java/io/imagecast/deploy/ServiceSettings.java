package io.imagecast.deploy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each service reads from its environment: the {@code ${IMAGECAST_...}} expressions of its
 * application.properties and of service-commons' shared defaults, in the prod profile (plain and
 * {@code %prod.} keys; {@code %test.} and {@code %dev.} keys are not what a deployment runs).
 * The shared {@code quarkus.datasource.*} lines count only for services that have a datasource.
 */
final class ServiceSettings {
    static final List<String> SERVICES = List.of("session-service", "node-registry", "log-service", "sender-service");
    static final List<String> DATABASE_SERVICES = List.of("session-service", "node-registry", "log-service");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(IMAGECAST_[A-Z0-9_]+)(?::([^}]*))?}");
    private static final String COMMON =
            "libs/service-commons/src/main/resources/META-INF/microprofile-config.properties";

    private ServiceSettings() {}

    static Properties properties(String service) {
        return load(service + "/src/main/resources/application.properties");
    }

    static boolean hasDatabase(String service) {
        return properties(service).containsKey("quarkus.datasource.db-kind");
    }

    /** IMAGECAST_* variables the service reads. */
    static Set<String> variables(String service) {
        Set<String> names = new TreeSet<>();
        boolean database = hasDatabase(service);
        collect(load(COMMON), names, key -> !key.startsWith("quarkus.datasource.") || database);
        collect(properties(service), names, key -> true);
        return names;
    }

    /**
     * The HTTP port the service listens on, given the environment it gets: quarkus.http.port,
     * resolving a {@code ${IMAGECAST_X:default}} expression against {@code env}.
     */
    static int httpPort(String service, Map<String, String> env) {
        String value = properties(service).getProperty("quarkus.http.port");
        Matcher m = VARIABLE.matcher(value);
        if (m.matches()) {
            value = env.getOrDefault(m.group(1), m.group(2));
        }
        return Integer.parseInt(value.strip());
    }

    private static void collect(Properties properties, Set<String> names, java.util.function.Predicate<String> counts) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            if (!counts.test(key.startsWith("%prod.") ? key.substring("%prod.".length()) : key)) {
                continue;
            }
            Matcher m = VARIABLE.matcher(properties.getProperty(key));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
    }

    private static Properties load(String relative) {
        Properties properties = new Properties();
        try (var reader = new java.io.StringReader(Repo.read(relative))) {
            properties.load(reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }
}
