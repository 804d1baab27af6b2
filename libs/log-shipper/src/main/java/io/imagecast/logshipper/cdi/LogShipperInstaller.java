package io.imagecast.logshipper.cdi;

import io.imagecast.logshipper.KafkaLogHandler;
import io.imagecast.logshipper.LogShipper;
import io.imagecast.logshipper.ShipperSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Installs a {@link KafkaLogHandler} on the root logger when the application starts, if
 * {@code imagecast.log-shipper.enabled=true}. Only standard CDI and MicroProfile Config are used, so
 * any Quarkus service enables shipping by adding the dependency and the key.
 */
@ApplicationScoped
public class LogShipperInstaller {
    private volatile KafkaLogHandler handler;

    void start(@Observes @Initialized(ApplicationScoped.class) @Priority(1) Object ignored) {
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("imagecast.log-shipper.enabled", Boolean.class)
                .orElse(false)) {
            return;
        }
        ShipperSettings settings = ShipperConfig.read(config);
        KafkaLogHandler installed = new KafkaLogHandler(new LogShipper(settings));
        Logger.getLogger("").addHandler(installed);
        handler = installed;
        if (MeterBinding.micrometerPresent()) {
            MeterBinding.bind(installed.shipper());
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        KafkaLogHandler installed = handler;
        if (installed != null) {
            Logger.getLogger("").removeHandler(installed);
            installed.close();
            handler = null;
        }
    }

    /** The running shipper, when enabled. */
    public Optional<LogShipper> shipper() {
        KafkaLogHandler installed = handler;
        return installed == null ? Optional.empty() : Optional.of(installed.shipper());
    }
}
