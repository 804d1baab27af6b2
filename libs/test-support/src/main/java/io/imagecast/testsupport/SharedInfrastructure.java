package io.imagecast.testsupport;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One PostgreSQL database and one Kafka broker per JVM, shared by every test class that asks,
 * started on first use and stopped when the JVM exits.
 *
 * <p>What was started is remembered in system properties, not only in static fields: Quarkus may
 * load this class in more than one class loader, and each copy must find the same servers.
 */
public final class SharedInfrastructure {

    public static final String DB_URL_ENV = "IMAGECAST_DB_URL";
    public static final String DB_USER_ENV = "IMAGECAST_DB_USER";
    public static final String DB_PASSWORD_ENV = "IMAGECAST_DB_PASSWORD";
    public static final String KAFKA_ENV = "IMAGECAST_KAFKA";

    private static final String DB_URL_PROPERTY = "imagecast.testsupport.db.url";
    private static final String DB_USER_PROPERTY = "imagecast.testsupport.db.user";
    private static final String DB_PASSWORD_PROPERTY = "imagecast.testsupport.db.password";
    private static final String KAFKA_PROPERTY = "imagecast.testsupport.kafka";

    /** A string literal is interned, so this lock is the same object in every class loader. */
    private static final Object JVM_WIDE_LOCK = "io.imagecast.testsupport.SharedInfrastructure";

    private SharedInfrastructure() {}

    /** The database of this test JVM: on IMAGECAST_DB_URL's server if set, else on an embedded one. */
    public static TestDatabase database() {
        synchronized (JVM_WIDE_LOCK) {
            String known = System.getProperty(DB_URL_PROPERTY);
            if (known != null) {
                return new TestDatabase(
                        known, System.getProperty(DB_USER_PROPERTY), System.getProperty(DB_PASSWORD_PROPERTY));
            }
            TestDatabase database = openDatabase();
            System.setProperty(DB_URL_PROPERTY, database.jdbcUrl());
            System.setProperty(DB_USER_PROPERTY, database.username());
            System.setProperty(DB_PASSWORD_PROPERTY, database.password());
            return database;
        }
    }

    /** Kafka bootstrap servers of this test JVM: IMAGECAST_KAFKA if set, else an embedded broker. */
    public static String kafkaBootstrapServers() {
        synchronized (JVM_WIDE_LOCK) {
            String known = System.getProperty(KAFKA_PROPERTY);
            if (known != null) {
                return known;
            }
            String bootstrapServers = env(KAFKA_ENV).orElseGet(() -> {
                EmbeddedKafka kafka = EmbeddedKafka.start();
                onExit("imagecast-stop-kafka", kafka::close);
                return kafka.bootstrapServers();
            });
            System.setProperty(KAFKA_PROPERTY, bootstrapServers);
            return bootstrapServers;
        }
    }

    private static TestDatabase openDatabase() {
        String freshName = "imagecast_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        Optional<String> url = env(DB_URL_ENV);
        if (url.isPresent()) {
            ExternalPostgres external = new ExternalPostgres(
                    url.get(),
                    env(DB_USER_ENV).orElse("imagecast"),
                    env(DB_PASSWORD_ENV).orElse("imagecast"));
            TestDatabase database = external.open(freshName);
            onExit("imagecast-drop-test-db", external::close);
            return database;
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        onExit("imagecast-stop-postgres", postgres::close);
        return new TestDatabase(postgres.createDatabase(freshName), postgres.username(), postgres.password());
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    private static void onExit(String name, Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, name));
    }
}
