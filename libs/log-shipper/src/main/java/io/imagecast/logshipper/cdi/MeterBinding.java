package io.imagecast.logshipper.cdi;

import io.imagecast.logshipper.LogShipper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Publishes the shipper's counters to the service's Micrometer registry (Prometheus names
 * {@code imagecast_log_shipper_dropped_total}, {@code ..._shipped_total}, {@code ..._buffered}).
 * Only touched when Micrometer is on the class path.
 */
final class MeterBinding {
    private MeterBinding() {}

    static boolean micrometerPresent() {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, MeterBinding.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void bind(LogShipper shipper) {
        bind(shipper, registry());
    }

    static void bind(LogShipper shipper, MeterRegistry registry) {
        String service = shipper.settings().service();
        FunctionCounter.builder(
                        "imagecast.log.shipper.dropped", shipper, s -> s.stats().dropped())
                .description("Log records that never reached Kafka (buffer full or send failed)")
                .tag("service", service)
                .register(registry);
        FunctionCounter.builder(
                        "imagecast.log.shipper.shipped", shipper, s -> s.stats().shipped())
                .description("Log records acknowledged by Kafka")
                .tag("service", service)
                .register(registry);
        Gauge.builder("imagecast.log.shipper.buffered", shipper, LogShipper::buffered)
                .description("Log records waiting in the shipper's buffer")
                .tag("service", service)
                .register(registry);
    }

    private static MeterRegistry registry() {
        try {
            Instance<MeterRegistry> registries = CDI.current().select(MeterRegistry.class);
            if (registries.isResolvable()) {
                return registries.get();
            }
        } catch (RuntimeException e) {
            // No CDI container or no registry bean: fall through to the global registry.
        }
        return Metrics.globalRegistry;
    }
}
