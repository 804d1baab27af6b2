package io.imagecast.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.events.command.ExpectedHost;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.TransferCompleted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void commandSurvivesRoundTripByItsCloudEventsType() throws Exception {
        StartTransferCommand command = new StartTransferCommand(
                UUID.randomUUID(),
                "storage-1",
                "lab-a",
                "win11",
                List.of("d1p1.img", "d1p2.img"),
                "eth0",
                9000,
                "239.0.0.1",
                null,
                2,
                List.of(new ExpectedHost("pc1", "aa:bb:cc:dd:ee:ff", "10.0.0.5")),
                60,
                null,
                300,
                null,
                true,
                32);

        ImagecastMessage decoded = EventJson.decode(EventTypes.typeOf(command), EventJson.toBytes(command));

        assertThat(decoded).isEqualTo(command);
        assertThat(decoded.key()).isEqualTo("storage-1");
    }

    @Test
    void nodeEventTypeFollowsTheKindOfChange() throws Exception {
        NodeChanged changed = new NodeChanged(
                NodeChange.MASTER_CHANGED,
                new NodeSnapshot(
                        "storage-1",
                        null,
                        "10.0.0.1",
                        true,
                        true,
                        "eth0",
                        null,
                        4,
                        NodeStatus.ONLINE,
                        List.of(),
                        Instant.parse("2026-01-01T00:00:00Z")));

        String type = EventTypes.typeOf(changed);

        assertThat(type).isEqualTo("imagecast.node.master-changed.v1");
        assertThat(EventJson.decode(type, EventJson.toBytes(changed))).isEqualTo(changed);
    }

    @Test
    void completedEventKeepsDroppedReceiversWithReasons() throws Exception {
        TransferCompleted completed = new TransferCompleted(
                UUID.randomUUID(),
                "n1",
                List.of("10.0.0.2"),
                List.of(new DroppedReceiver("10.0.0.3", "no answer for 10 s")),
                1000,
                1.5);

        assertThat(EventJson.decode(TransferCompleted.TYPE, EventJson.toBytes(completed)))
                .isEqualTo(completed);
    }

    @Test
    void unknownTypeAndBrokenJsonAreReportedNotThrownAsRuntimeErrors() {
        assertThatThrownBy(() -> EventJson.decode("imagecast.nope.v1", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> EventJson.decode(TransferCompleted.TYPE, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void cloudEventHeadersRoundTripAndRejectIncompleteSets() {
        EventMetadata metadata = EventMetadata.newEvent("imagecast.transfer.failed.v1", "/sender/n1", "s-1");
        RecordHeaders headers = new RecordHeaders();

        CloudEventHeaders.write(metadata, headers);

        assertThat(CloudEventHeaders.read(headers)).contains(metadata);
        headers.remove(CloudEventHeaders.SOURCE);
        assertThat(CloudEventHeaders.read(headers)).isEmpty();
    }

    @Test
    void everyCatalogueTypeIsVersioned() {
        assertThat(EventTypes.all().keySet()).allMatch(type -> type.startsWith("imagecast.") && type.endsWith(".v1"));
    }
}
