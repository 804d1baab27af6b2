package io.imagecast.outbox;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Runs a service's {@link ManagedRelay} with the application, as a CDI bean. A service extends it
 * once as a {@code @Singleton} (no client proxy, so no constructor without the relay is needed)
 * and passes its relay to the constructor; the inherited
 * observers start the relay at start-up, nudge it after each commit of a transaction that fired
 * {@link OutboxWritten}, and stop it at shutdown. The observers are public so that the container's
 * generated code in the service's package can call them.
 */
public abstract class RelayLifecycle {
    private final ManagedRelay relay;

    protected RelayLifecycle(ManagedRelay relay) {
        this.relay = relay;
    }

    public void onStart(@Observes Startup event) {
        relay.start();
    }

    /** After the commit and off the committing thread: a rolled-back write has nothing to publish. */
    public void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        relay.nudge();
    }

    public void onShutdown(@Observes Shutdown event) {
        relay.stop();
    }

    /** For the service's backlog gauge. */
    public double pending() {
        return relay.pending();
    }
}
