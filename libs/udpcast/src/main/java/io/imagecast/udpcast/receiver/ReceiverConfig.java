package io.imagecast.udpcast.receiver;

import java.time.Duration;
import java.util.Objects;

/**
 * Receiver options, with udp-receiver's meaning.
 *
 * @param interfaceName network interface (null: the first up multicast interface with IPv4)
 * @param portBase P: the receiver binds P, the sender listens on P+1
 * @param rendezvousAddress multicast rendezvous group ({@code --mcast-rdv-address}), or null
 * @param ttl a value other than 1 moves the control traffic to 224.0.0.1 (as on the sender)
 * @param startTimeout fail when not connected after this long (null: wait for a sender indefinitely)
 * @param receiveTimeout fail when the sender stays silent this long once connected
 * @param exitWait after the final OK, keep answering this long, then say DISCONNECT
 * @param receiveBufferSize requested socket receive buffer (the kernel may cap it)
 * @param sendGo ask the sender to start as soon as this receiver is connected
 * @param progressInterval how often a progress event is emitted
 */
public record ReceiverConfig(
        String interfaceName,
        int portBase,
        String rendezvousAddress,
        int ttl,
        Duration startTimeout,
        Duration receiveTimeout,
        Duration exitWait,
        int receiveBufferSize,
        boolean sendGo,
        Duration progressInterval) {

    public ReceiverConfig {
        Objects.requireNonNull(receiveTimeout, "receiveTimeout");
        Objects.requireNonNull(exitWait, "exitWait");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (portBase < 1 || portBase > 65534) {
            throw new IllegalArgumentException("portbase must be 1..65534, got " + portBase);
        }
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be 1..255, got " + ttl);
        }
        if (receiveBufferSize < 65536) {
            throw new IllegalArgumentException("receive buffer must be at least 65536 bytes");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults documented in the README. */
    public static final class Builder {
        private String interfaceName;
        private int portBase = 9000;
        private String rendezvousAddress;
        private int ttl = 1;
        private Duration startTimeout;
        private Duration receiveTimeout = Duration.ofSeconds(60);
        private Duration exitWait = Duration.ofMillis(500);
        private int receiveBufferSize = 4 * 1024 * 1024;
        private boolean sendGo;
        private Duration progressInterval = Duration.ofSeconds(1);

        public Builder interfaceName(String v) {
            interfaceName = v;
            return this;
        }

        public Builder portBase(int v) {
            portBase = v;
            return this;
        }

        public Builder rendezvousAddress(String v) {
            rendezvousAddress = v;
            return this;
        }

        public Builder ttl(int v) {
            ttl = v;
            return this;
        }

        public Builder startTimeout(Duration v) {
            startTimeout = v;
            return this;
        }

        public Builder receiveTimeout(Duration v) {
            receiveTimeout = v;
            return this;
        }

        public Builder exitWait(Duration v) {
            exitWait = v;
            return this;
        }

        public Builder receiveBufferSize(int v) {
            receiveBufferSize = v;
            return this;
        }

        public Builder sendGo(boolean v) {
            sendGo = v;
            return this;
        }

        public Builder progressInterval(Duration v) {
            progressInterval = v;
            return this;
        }

        public ReceiverConfig build() {
            return new ReceiverConfig(
                    interfaceName,
                    portBase,
                    rendezvousAddress,
                    ttl,
                    startTimeout,
                    receiveTimeout,
                    exitWait,
                    receiveBufferSize,
                    sendGo,
                    progressInterval);
        }
    }
}
