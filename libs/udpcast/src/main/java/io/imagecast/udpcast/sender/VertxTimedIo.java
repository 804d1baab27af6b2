package io.imagecast.udpcast.sender;

import io.vertx.core.Vertx;

/** What both socket kinds share: the system clock, the 1 ms engine tick and one-shot timers on Vert.x. */
abstract class VertxTimedIo implements SenderIo {
    protected final Vertx vertx;
    private long tickTimerId = -1;

    protected VertxTimedIo(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void after(long millis, Runnable task) {
        vertx.setTimer(Math.max(1, millis), id -> task.run());
    }

    protected void startTicks(Runnable tick) {
        tickTimerId = vertx.setPeriodic(1, id -> tick.run());
    }

    protected void stopTicks() {
        if (tickTimerId >= 0) {
            vertx.cancelTimer(tickTimerId);
            tickTimerId = -1;
        }
    }
}
