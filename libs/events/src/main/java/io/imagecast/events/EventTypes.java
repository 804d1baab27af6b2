package io.imagecast.events;

import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.command.DropHostCommand;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.log.LogRecord;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverDropped;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.TransferAccepted;
import io.imagecast.events.transfer.TransferCancelled;
import io.imagecast.events.transfer.TransferCompleted;
import io.imagecast.events.transfer.TransferFailed;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.events.transfer.WaitingForReceivers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The catalogue of CloudEvents type names and the record each one carries. */
public final class EventTypes {
    private static final Map<String, Class<? extends ImagecastMessage>> BY_TYPE = catalogue();

    private EventTypes() {}

    public static Optional<Class<? extends ImagecastMessage>> classOf(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }

    public static Map<String, Class<? extends ImagecastMessage>> all() {
        return BY_TYPE;
    }

    /** The CloudEvents type of a message; node events take theirs from the kind of change. */
    public static String typeOf(ImagecastMessage message) {
        if (message instanceof NodeChanged changed) {
            return changed.change().ceType();
        }
        return BY_TYPE.entrySet().stream()
                .filter(entry -> entry.getValue() == message.getClass())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + message.getClass()));
    }

    private static Map<String, Class<? extends ImagecastMessage>> catalogue() {
        Map<String, Class<? extends ImagecastMessage>> types = new LinkedHashMap<>();
        types.put(StartTransferCommand.TYPE, StartTransferCommand.class);
        types.put(CancelTransferCommand.TYPE, CancelTransferCommand.class);
        types.put(DropHostCommand.TYPE, DropHostCommand.class);
        types.put(TransferAccepted.TYPE, TransferAccepted.class);
        types.put(WaitingForReceivers.TYPE, WaitingForReceivers.class);
        types.put(ReceiverJoined.TYPE, ReceiverJoined.class);
        types.put(TransferStarted.TYPE, TransferStarted.class);
        types.put(TransferProgress.TYPE, TransferProgress.class);
        types.put(FileCompleted.TYPE, FileCompleted.class);
        types.put(ReceiverDropped.TYPE, ReceiverDropped.class);
        types.put(TransferCompleted.TYPE, TransferCompleted.class);
        types.put(TransferFailed.TYPE, TransferFailed.class);
        types.put(TransferCancelled.TYPE, TransferCancelled.class);
        types.put(NodeHeartbeat.TYPE, NodeHeartbeat.class);
        for (NodeChange change : NodeChange.values()) {
            types.put(change.ceType(), NodeChanged.class);
        }
        types.put(LogRecord.TYPE, LogRecord.class);
        return Collections.unmodifiableMap(types);
    }
}
