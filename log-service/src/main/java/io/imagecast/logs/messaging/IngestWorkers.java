package io.imagecast.logs.messaging;

import io.imagecast.logs.config.LogsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that store the extra parts of a consumed batch while the consumer thread decodes and
 * stores its own part. Once shut down, work runs on the caller, so no part is ever refused.
 */
@ApplicationScoped
public class IngestWorkers {
    private final int parts;
    private final ExecutorService executor;

    @Inject
    public IngestWorkers(LogsConfig config) {
        this(config.ingest().parallelParts());
    }

    IngestWorkers(int parts) {
        this.parts = Math.max(1, parts);
        int threads = Math.max(1, this.parts - 1);
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "log-ingest-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Parts a batch is split into: one stored by the caller, the others by these threads. */
    public int parts() {
        return parts;
    }

    public <T> Future<T> submit(Callable<T> work) throws InterruptedException {
        try {
            return executor.submit(work);
        } catch (RejectedExecutionException shutDown) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    @PreDestroy
    void shutDown() {
        executor.shutdownNow();
    }
}
