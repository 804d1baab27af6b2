package io.imagecast.udpcast.sender;

import java.util.List;

/**
 * How a transfer ended.
 *
 * @param outcome overall outcome
 * @param reason why it failed or was cancelled, or a summary for partial results (null on success)
 * @param bytes bytes of all files together
 * @param millis from start() to the end
 * @param receivers one entry per receiver that ever connected
 * @param stats counters
 */
public record TransferResult(
        Outcome outcome, String reason, long bytes, long millis, List<ReceiverOutcome> receivers, SenderStats stats) {

    public enum Outcome {
        /** Every receiver that connected acknowledged every file. */
        COMPLETED,
        /** Some receivers acknowledged every file, others were dropped. */
        PARTIAL,
        FAILED,
        CANCELLED
    }

    /** True only when every receiver acknowledged everything. */
    public boolean success() {
        return outcome == Outcome.COMPLETED;
    }

    public long completedReceivers() {
        return receivers.stream().filter(ReceiverOutcome::completed).count();
    }

    /**
     * One receiver's result. {@code filesCompleted} counts files it acknowledged in full; {@code reason}
     * says why it is not complete (null when complete).
     */
    public record ReceiverOutcome(
            String address, boolean completed, int filesCompleted, long bytesAcked, String reason) {}
}
