package io.imagecast.udpcast.sender;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads the files, one slice at a time, on its own thread so that disk reads never block the event
 * loop. It stays at most {@code depth} slices ahead: the engine hands buffers back with
 * {@link #recycle} once a slice is acknowledged, and only then can the reader fill them again.
 */
final class SliceReader implements AutoCloseable {
    /** A slice's worth of file data. {@code last} marks the final (possibly short or empty) chunk of a file. */
    record Chunk(int fileIndex, long offset, int length, boolean last, byte[] data, String error) {}

    private final List<Path> files;
    /** The buffers' size: the longest slice there can be. */
    private final int capacity;
    /** How much the next chunk may hold; the engine changes it as the slice length adapts. */
    private volatile int sliceBytes;

    private final BlockingQueue<byte[]> free;
    private final ConcurrentLinkedQueue<Chunk> ready = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final Runnable wakeUp;
    private volatile boolean closed;

    SliceReader(List<Path> files, int sliceBytes, int capacity, int depth, Runnable wakeUp) {
        if (sliceBytes > capacity) {
            throw new IllegalArgumentException("slice of " + sliceBytes + " bytes exceeds buffers of " + capacity);
        }
        this.files = files;
        this.sliceBytes = sliceBytes;
        this.capacity = capacity;
        this.wakeUp = wakeUp;
        this.free = new ArrayBlockingQueue<>(depth);
        for (int i = 0; i < depth; i++) {
            free.add(new byte[capacity]);
        }
        this.thread = new Thread(this::run, "udpcast-reader");
        this.thread.setDaemon(true);
    }

    /**
     * A reader whose chunks start at the sizer's length, in buffers for its longest: the slices in flight
     * plus four read ahead.
     */
    static SliceReader of(List<Path> files, SliceSizer sizer, int blockSize, int slicesInFlight) {
        return new SliceReader(
                files, sizer.blocks() * blockSize, sizer.maxBlocks() * blockSize, 4 + slicesInFlight, () -> {});
    }

    void start() {
        thread.start();
    }

    /** The next chunk in file order, or null when none is loaded yet. */
    Chunk poll() {
        return ready.poll();
    }

    Chunk peek() {
        return ready.peek();
    }

    /** Chunks read from now on hold up to this many bytes (chunks already read keep their length). */
    void sliceBytes(int bytes) {
        if (bytes <= 0 || bytes > capacity) {
            throw new IllegalArgumentException("slice of " + bytes + " bytes, buffers hold " + capacity);
        }
        sliceBytes = bytes;
    }

    void recycle(byte[] buffer) {
        if (buffer != null && buffer.length == capacity) {
            free.offer(buffer);
        }
    }

    private void run() {
        try {
            for (int f = 0; f < files.size() && !closed; f++) {
                readFile(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readFile(int f) throws InterruptedException {
        Path path = files.get(f);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long offset = 0;
            do {
                byte[] buf = free.take();
                if (closed) {
                    return;
                }
                int want = (int) Math.min(sliceBytes, size - offset);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, want);
                while (bb.hasRemaining()) {
                    if (ch.read(bb, offset + bb.position()) < 0) {
                        throw new IOException("file shrank while being sent: " + path);
                    }
                }
                boolean last = offset + want >= size;
                ready.add(new Chunk(f, offset, want, last, buf, null));
                wakeUp.run();
                offset += want;
            } while (offset < size);
        } catch (IOException e) {
            ready.add(new Chunk(f, 0, 0, true, null, "cannot read " + path + ": " + e.getMessage()));
            wakeUp.run();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
