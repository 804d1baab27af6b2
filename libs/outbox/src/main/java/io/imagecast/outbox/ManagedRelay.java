package io.imagecast.outbox;

import javax.sql.DataSource;

/**
 * A service's relay from start-up to shutdown: {@link #start()} once the service is up,
 * {@link #nudge()} after each commit that queued records, {@link #stop()} on shutdown, and
 * {@link #pending()} for the backlog gauge. Every call is safe in any state, so the service's
 * lifecycle hooks need no checks of their own: a nudge while stopped does nothing (the rows wait
 * for the next start, of this replica or another), and a stopped relay can be started again.
 */
public final class ManagedRelay {
    private final DataSource dataSource;
    private final String bootstrapServers;
    private final OutboxSettings settings;
    private volatile OutboxRelayLoop loop;

    public ManagedRelay(DataSource dataSource, String bootstrapServers, OutboxSettings settings) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    /** Creates the producer and relays right away, then every poll interval; does nothing if running. */
    public synchronized void start() {
        if (loop == null) {
            loop = OutboxRelayLoop.start(dataSource, bootstrapServers, settings);
        }
    }

    /** Publishes as soon as possible instead of at the next poll; off the caller's thread. */
    public void nudge() {
        OutboxRelayLoop running = loop;
        if (running != null) {
            running.nudge();
        }
    }

    /**
     * Stops promptly: a pass blocked on an unreachable broker is interrupted and the producer closed;
     * unsent rows stay in the table. Does nothing if stopped.
     */
    public synchronized void stop() {
        OutboxRelayLoop running = loop;
        loop = null;
        if (running != null) {
            running.close();
        }
    }

    public boolean running() {
        return loop != null;
    }

    /** Runs the current loop finished (0 while stopped): lets a test wait until the relay is idle. */
    long runs() {
        OutboxRelayLoop running = loop;
        return running == null ? 0 : running.runs();
    }

    /**
     * Rows not yet published, for a gauge: NaN while stopped or when the table cannot be read, so
     * the gauge shows a gap rather than a number nobody measured.
     */
    public double pending() {
        OutboxRelayLoop running = loop;
        if (running == null) {
            return Double.NaN;
        }
        try {
            return running.relay().pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
