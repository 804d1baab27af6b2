package io.imagecast.udpcast.receiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes completed slices in order on its own thread, so that a slow disk never blocks the event loop.
 * Buffers come back through {@link #takeFree()} for reuse.
 */
final class OrderedWriter {
    private record Job(byte[] data, int length, boolean end) {}

    private final WritableByteChannel out;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final Thread thread;
    private final Runnable onEnd;
    private volatile String error;
    private volatile long written;

    OrderedWriter(WritableByteChannel out, Runnable onEnd) {
        this.out = out;
        this.onEnd = onEnd;
        this.thread = new Thread(this::run, "udpcast-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void write(byte[] data, int length) {
        backlog.incrementAndGet();
        queue.add(new Job(data, length, false));
    }

    /** Flushes and closes the output; {@code onEnd} runs on the writer thread afterwards. */
    void end() {
        queue.add(new Job(null, 0, true));
    }

    int backlog() {
        return backlog.get();
    }

    byte[] takeFree() {
        return free.poll();
    }

    String error() {
        return error;
    }

    long written() {
        return written;
    }

    private void run() {
        try {
            while (true) {
                Job job = queue.take();
                if (job.end()) {
                    closeQuietly();
                    onEnd.run();
                    return;
                }
                if (error == null) {
                    try {
                        ByteBuffer bb = ByteBuffer.wrap(job.data(), 0, job.length());
                        while (bb.hasRemaining()) {
                            out.write(bb);
                        }
                        written += job.length();
                    } catch (IOException e) {
                        error = "cannot write output: " + e.getMessage();
                    }
                }
                free.add(job.data());
                backlog.decrementAndGet();
            }
        } catch (InterruptedException e) {
            closeQuietly();
            Thread.currentThread().interrupt();
        }
    }

    void abort() {
        thread.interrupt();
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException e) {
            if (error == null) {
                error = "cannot close output: " + e.getMessage();
            }
        }
    }
}
