package io.imagecast.sender.engine;

/** Runs udpcast transfers; the listener's calls may come from any thread. */
public interface TransferEngine {
    TransferHandle start(TransferPlan plan, TransferListener listener) throws TransferStartException;
}
