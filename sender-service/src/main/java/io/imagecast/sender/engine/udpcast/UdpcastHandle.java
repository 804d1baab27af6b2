package io.imagecast.sender.engine.udpcast;

import io.imagecast.sender.engine.TransferHandle;
import io.imagecast.sender.engine.TransferStats;
import io.imagecast.udpcast.sender.UdpcastSender;

final class UdpcastHandle implements TransferHandle {
    private final UdpcastSender sender;
    private final EventTranslator translator;

    UdpcastHandle(UdpcastSender sender, EventTranslator translator) {
        this.sender = sender;
        this.translator = translator;
    }

    @Override
    public void cancel(String reason) {
        sender.cancel(reason);
    }

    @Override
    public void dropReceiver(String address, String reason) {
        sender.dropReceiver(address, reason);
    }

    @Override
    public TransferStats stats() {
        return translator.latestStats();
    }
}
