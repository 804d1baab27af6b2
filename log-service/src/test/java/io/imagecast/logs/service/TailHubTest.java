package io.imagecast.logs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.Selector;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live-tail fan-out: what a client that keeps up and a client that falls behind receive. */
class TailHubTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aClientThatKeepsUpGetsEveryLineInOrderAcrossBatches() {
        TailHub hub = new TailHub(5, 100);
        AssertSubscriber<TailEvent> client =
                hub.follow(Selector.all()).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        hub.publish(lines(0, 5));
        hub.publish(lines(5, 12));

        assertThat(messages(client.getItems())).containsExactlyElementsOf(messages(lines(0, 12)));
    }

    @Test
    void aClientAskingOneLineAtATimeGetsEveryLineThatFitsItsQueue() {
        TailHub hub = new TailHub(12, 100);
        AssertSubscriber<TailEvent> client =
                hub.follow(Selector.all()).subscribe().withSubscriber(AssertSubscriber.create(1));

        hub.publish(lines(0, 12));
        for (int i = 1; i < 12; i++) {
            client.request(1);
        }

        assertThat(messages(client.getItems())).containsExactlyElementsOf(messages(lines(0, 12)));
    }

    @Test
    void aClientThatFallsBehindIsToldHowManyLinesItMissedAndWhenThenFollowsOn() {
        TailHub hub = new TailHub(3, 100);
        AssertSubscriber<TailEvent> client =
                hub.follow(Selector.all()).subscribe().withSubscriber(AssertSubscriber.create(0));

        hub.publish(lines(0, 10));
        client.request(2);
        // Still behind: lines keep being counted until everything queued has been taken.
        hub.publish(lines(10, 11));
        client.request(10);
        hub.publish(lines(11, 13));

        List<TailEvent> items = client.getItems();
        assertThat(items).hasSize(6);
        assertThat(messages(items.subList(0, 3))).containsExactly("line 0", "line 1", "line 2");
        assertThat(items.get(3)).isEqualTo(new TailEvent.Missed(8, T0.plusSeconds(3), T0.plusSeconds(10)));
        assertThat(messages(items.subList(4, 6))).containsExactly("line 11", "line 12");
    }

    @Test
    void aCancelledClientIsForgotten() {
        TailHub hub = new TailHub(3, 100);
        AssertSubscriber<TailEvent> client =
                hub.follow(Selector.all()).subscribe().withSubscriber(AssertSubscriber.create(1));
        assertThat(hub.subscriberCount()).isEqualTo(1);

        client.cancel();
        hub.publish(lines(0, 2));

        assertThat(hub.subscriberCount()).isZero();
    }

    private static List<LogLine> lines(int from, int to) {
        List<LogLine> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(new LogLine(i, T0.plusSeconds(i), "info", "svc", "n1", "s1", "l", "line " + i, null, Map.of()));
        }
        return lines;
    }

    private static List<String> messages(List<?> items) {
        return items.stream()
                .map(item -> item instanceof LogLine line
                        ? line.message()
                        : ((TailEvent.Line) item).line().message())
                .toList();
    }
}
