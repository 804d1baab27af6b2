package io.imagecast.sender.service;

import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.domain.SessionLedger;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Plain objects the services share. */
public class SenderBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SessionLedger sessionLedger(SenderConfig config) {
        return new SessionLedger(config.stateDir());
    }
}
