package io.imagecast.sender.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.sender.config.SenderConfig;
import io.imagecast.sender.domain.ImageFile;
import io.imagecast.sender.domain.ResolvedImage;
import io.imagecast.sender.engine.TransferHandle;
import io.imagecast.sender.engine.TransferStats;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Progress is sampled on the scheduler's thread while the engine reports file changes on its own:
 * the events of one session must still be handed to the publisher in the order they happened.
 */
class EventOrderTest {
    private static final String NODE = "nas-1";
    private static final List<String> RECEIVERS = List.of("10.0.0.2");

    @Test
    void aProgressSampleInFlightWhenTheNextFileStartsIsPublishedBeforeThatFile() throws Exception {
        UUID id = UUID.randomUUID();
        ActiveTransfer transfer = new ActiveTransfer(command(id), image(), new SessionLog(id, NODE), Instant.now());
        transfer.started(0, RECEIVERS);
        CountDownLatch sampling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        transfer.attach(new SlowStats(sampling, release));
        TransferRegistry registry = new TransferRegistry();
        registry.tryAdd(transfer, 4);
        List<ImagecastMessage> published = new CopyOnWriteArrayList<>();
        EventPublisher publisher = message -> {
            published.add(message);
            return CompletableFuture.completedFuture(null);
        };
        ProgressReporter progress = new ProgressReporter(registry, publisher, config());
        SessionReporter lifecycle = new SessionReporter(transfer, NODE, publisher, null, registry, Clock.systemUTC());

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> sample = threads.submit(progress::report);
            assertThat(sampling.await(5, TimeUnit.SECONDS)).isTrue();
            Future<?> nextFile = threads.submit(() -> lifecycle.fileStarted(1, RECEIVERS));
            // Every chance for the engine's event to overtake the sample still being taken.
            Thread.sleep(300);
            release.countDown();
            sample.get(5, TimeUnit.SECONDS);
            nextFile.get(5, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(published).hasSize(2);
        assertThat(published.get(0)).isInstanceOf(TransferProgress.class);
        assertThat(((TransferProgress) published.get(0)).fileIndex()).isZero();
        assertThat(published.get(1)).isInstanceOf(TransferStarted.class);
        assertThat(((TransferStarted) published.get(1)).fileIndex()).isEqualTo(1);
    }

    @Test
    void engineCountersStillOnThePreviousFileAreNotPublishedAfterTheNextFileStarted() {
        UUID id = UUID.randomUUID();
        ActiveTransfer transfer = new ActiveTransfer(command(id), image(), new SessionLog(id, NODE), Instant.now());
        transfer.started(1, RECEIVERS);
        transfer.attach(new FixedStats(new TransferStats(0, 900, 0, List.of())));
        TransferRegistry registry = new TransferRegistry();
        registry.tryAdd(transfer, 4);
        List<ImagecastMessage> published = new CopyOnWriteArrayList<>();
        new ProgressReporter(
                        registry,
                        message -> {
                            published.add(message);
                            return CompletableFuture.completedFuture(null);
                        },
                        config())
                .report();
        assertThat(published).isEmpty();
        assertThat(transfer.snapshot().fileIndex()).isEqualTo(1);
    }

    private static StartTransferCommand command(UUID id) {
        return new StartTransferCommand(
                id,
                NODE,
                "s",
                "img",
                List.of("a.img", "b.img"),
                "eth0",
                9000,
                null,
                null,
                1,
                List.of(),
                60,
                null,
                60,
                null,
                true,
                32);
    }

    private static ResolvedImage image() {
        return new ResolvedImage(List.of(
                new ImageFile("a.img", Path.of("a.img"), 1000), new ImageFile("b.img", Path.of("b.img"), 1000)));
    }

    private static SenderConfig config() {
        return (SenderConfig) Proxy.newProxyInstance(
                SenderConfig.class.getClassLoader(), new Class<?>[] {SenderConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("nodeId")) {
                        return NODE;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private record FixedStats(TransferStats stats) implements TransferHandle {
        @Override
        public void cancel(String reason) {}

        @Override
        public void dropReceiver(String address, String reason) {}
    }

    /** Counters of file 0 that take a while to read, as if the engine were busy. */
    private record SlowStats(CountDownLatch sampling, CountDownLatch release) implements TransferHandle {
        @Override
        public void cancel(String reason) {}

        @Override
        public void dropReceiver(String address, String reason) {}

        @Override
        public TransferStats stats() {
            sampling.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TransferStats(0, 900, 0, List.of());
        }
    }
}
