package io.imagecast.cli;

import io.imagecast.udpcast.net.TransportChoice;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;

/** Runs one sender or receiver: creates Vert.x, waits for the engine's result, prints the summary, closes. */
final class EngineRun {
    private EngineRun() {}

    /**
     * @param start creates the engine on the given Vert.x and starts it
     * @return the exit code: 0 when {@code success} holds for the result, else 1
     */
    static <R> int run(Function<Vertx, CompletionStage<R>> start, Predicate<R> success, Function<R, String> summary)
            throws InterruptedException {
        Vertx vertx = Vertx.vertx(
                TransportChoice.apply(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)));
        try {
            R r;
            try {
                r = start.apply(vertx).toCompletableFuture().get();
            } catch (ExecutionException e) {
                throw new IllegalArgumentException(e.getCause().getMessage());
            }
            System.out.println(summary.apply(r));
            return success.test(r) ? 0 : 1;
        } finally {
            vertx.close();
        }
    }

    static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
