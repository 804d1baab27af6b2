package io.imagecast.udpcast.sender;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a sender needs besides its files. Options mean what udp-sender's options of the same name
 * mean; {@link #builder()} starts from udp-sender's defaults except where the spec marks them harmful
 * (HELLO is repeated; start, re-join and silent receivers are bounded in time).
 *
 * @param interfaceName network interface (null: the first up multicast interface with IPv4)
 * @param portBase P: receivers listen on P, the sender on P+1
 * @param dataAddress multicast data group (null: derived from the interface address like udp-sender)
 * @param rendezvousAddress multicast rendezvous group ({@code --mcast-rdv-address}), or null
 * @param ttl multicast TTL; a value other than 1 moves the control traffic to 224.0.0.1
 * @param minReceivers start as soon as this many receivers are connected (0: not a start criterion)
 * @param minWait never start earlier than this after the first receiver connected
 * @param maxWait start this long after the first receiver connected even with fewer than minReceivers
 *     (null: no such rule)
 * @param startTimeout fail when the transfer has not started this long after {@code start()}
 * @param maxBitrate cap in bits per second counted over whole IP packets (0: adaptive, no cap)
 * @param duplex FULL pipelines two slices (udp-sender's choice on full-duplex links), HALF one
 * @param blockSize payload bytes per DATA datagram (multiple of 4, at most 1456 for a 1500 MTU)
 * @param sliceSize blocks per slice, 1..1024 (0: 112 in full duplex, 130 in half duplex)
 * @param pointToPoint when data goes unicast
 * @param broadcast send data to the control (broadcast) address
 * @param helloInterval HELLO repetition until the transfer starts
 * @param retriesUntilDrop unanswered REQACK rounds after which a receiver is dropped
 * @param receiverTimeout a receiver silent this long while it is being waited for is dropped
 * @param rejoinTimeout how long to wait for the receivers of file k to connect again for file k+1
 * @param progressInterval how often a progress event is emitted
 */
public record SenderConfig(
        String interfaceName,
        int portBase,
        String dataAddress,
        String rendezvousAddress,
        int ttl,
        int minReceivers,
        Duration minWait,
        Duration maxWait,
        Duration startTimeout,
        long maxBitrate,
        Duplex duplex,
        int blockSize,
        int sliceSize,
        PointToPoint pointToPoint,
        boolean broadcast,
        Duration helloInterval,
        int retriesUntilDrop,
        Duration receiverTimeout,
        Duration rejoinTimeout,
        Duration progressInterval) {

    public static final int MAX_BLOCK_SIZE = 1456;
    public static final int MAX_SLICE_BLOCKS = 1024;

    public SenderConfig {
        Objects.requireNonNull(minWait, "minWait");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(duplex, "duplex");
        Objects.requireNonNull(pointToPoint, "pointToPoint");
        Objects.requireNonNull(helloInterval, "helloInterval");
        Objects.requireNonNull(receiverTimeout, "receiverTimeout");
        Objects.requireNonNull(rejoinTimeout, "rejoinTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (portBase < 1 || portBase > 65534) {
            throw new IllegalArgumentException("portbase must be 1..65534, got " + portBase);
        }
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be 1..255, got " + ttl);
        }
        if (minReceivers < 0 || minReceivers > 1024) {
            throw new IllegalArgumentException("min-receivers must be 0..1024, got " + minReceivers);
        }
        if (blockSize < 4 || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("blocksize must be 4.." + MAX_BLOCK_SIZE + ", got " + blockSize);
        }
        blockSize = blockSize & ~3; // udp-sender rounds down to a multiple of 4
        if (sliceSize < 0 || sliceSize > MAX_SLICE_BLOCKS) {
            throw new IllegalArgumentException("slice-size must be 1.." + MAX_SLICE_BLOCKS + ", got " + sliceSize);
        }
        if (maxBitrate < 0) {
            throw new IllegalArgumentException("max-bitrate must not be negative");
        }
        if (retriesUntilDrop < 1) {
            throw new IllegalArgumentException("retries-until-drop must be at least 1");
        }
        if (startTimeout.isZero() || startTimeout.isNegative()) {
            throw new IllegalArgumentException("start-timeout must be positive");
        }
        if (pointToPoint == PointToPoint.ALWAYS && broadcast) {
            throw new IllegalArgumentException("point-to-point and broadcast exclude each other");
        }
    }

    /** Slice length in blocks after applying the duplex default. */
    public int effectiveSliceSize() {
        if (sliceSize > 0) {
            return sliceSize;
        }
        return duplex == Duplex.FULL ? 112 : 130;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .interfaceName(interfaceName)
                .portBase(portBase)
                .dataAddress(dataAddress)
                .rendezvousAddress(rendezvousAddress)
                .ttl(ttl)
                .minReceivers(minReceivers)
                .minWait(minWait)
                .maxWait(maxWait)
                .startTimeout(startTimeout)
                .maxBitrate(maxBitrate)
                .duplex(duplex)
                .blockSize(blockSize)
                .sliceSize(sliceSize)
                .pointToPoint(pointToPoint)
                .broadcast(broadcast)
                .helloInterval(helloInterval)
                .retriesUntilDrop(retriesUntilDrop)
                .receiverTimeout(receiverTimeout)
                .rejoinTimeout(rejoinTimeout)
                .progressInterval(progressInterval);
    }

    /** Builder starting from the defaults documented in the README. */
    public static final class Builder {
        private String interfaceName;
        private int portBase = 9000;
        private String dataAddress;
        private String rendezvousAddress;
        private int ttl = 1;
        private int minReceivers;
        private Duration minWait = Duration.ZERO;
        private Duration maxWait;
        private Duration startTimeout = Duration.ofMinutes(10);
        private long maxBitrate;
        private Duplex duplex = Duplex.FULL;
        private int blockSize = MAX_BLOCK_SIZE;
        private int sliceSize;
        private PointToPoint pointToPoint = PointToPoint.AUTO;
        private boolean broadcast;
        private Duration helloInterval = Duration.ofMillis(500);
        private int retriesUntilDrop = 200;
        private Duration receiverTimeout = Duration.ofSeconds(10);
        private Duration rejoinTimeout = Duration.ofSeconds(30);
        private Duration progressInterval = Duration.ofSeconds(1);

        public Builder interfaceName(String v) {
            interfaceName = v;
            return this;
        }

        public Builder portBase(int v) {
            portBase = v;
            return this;
        }

        public Builder dataAddress(String v) {
            dataAddress = v;
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

        public Builder minReceivers(int v) {
            minReceivers = v;
            return this;
        }

        public Builder minWait(Duration v) {
            minWait = v;
            return this;
        }

        public Builder maxWait(Duration v) {
            maxWait = v;
            return this;
        }

        public Builder startTimeout(Duration v) {
            startTimeout = v;
            return this;
        }

        public Builder maxBitrate(long v) {
            maxBitrate = v;
            return this;
        }

        public Builder duplex(Duplex v) {
            duplex = v;
            return this;
        }

        public Builder blockSize(int v) {
            blockSize = v;
            return this;
        }

        public Builder sliceSize(int v) {
            sliceSize = v;
            return this;
        }

        public Builder pointToPoint(PointToPoint v) {
            pointToPoint = v;
            return this;
        }

        public Builder broadcast(boolean v) {
            broadcast = v;
            return this;
        }

        public Builder helloInterval(Duration v) {
            helloInterval = v;
            return this;
        }

        public Builder retriesUntilDrop(int v) {
            retriesUntilDrop = v;
            return this;
        }

        public Builder receiverTimeout(Duration v) {
            receiverTimeout = v;
            return this;
        }

        public Builder rejoinTimeout(Duration v) {
            rejoinTimeout = v;
            return this;
        }

        public Builder progressInterval(Duration v) {
            progressInterval = v;
            return this;
        }

        public SenderConfig build() {
            return new SenderConfig(
                    interfaceName,
                    portBase,
                    dataAddress,
                    rendezvousAddress,
                    ttl,
                    minReceivers,
                    minWait,
                    maxWait,
                    startTimeout,
                    maxBitrate,
                    duplex,
                    blockSize,
                    sliceSize,
                    pointToPoint,
                    broadcast,
                    helloInterval,
                    retriesUntilDrop,
                    receiverTimeout,
                    rejoinTimeout,
                    progressInterval);
        }
    }
}
