package io.imagecast.logs.service;

import io.imagecast.logs.config.LogsConfig;
import io.imagecast.logs.domain.ClientGoneException;
import io.imagecast.logs.domain.QueryScope;
import io.imagecast.logs.domain.QueryTooExpensiveException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a client request's reads under its statement timeout, and cancels the statement in flight
 * when the client closes its connection: nobody would read the answer, and PostgreSQL's CPU is
 * shared by every request.
 */
@ApplicationScoped
public class ClientQueries {
    private final CurrentVertxRequest request;
    private final LogsConfig config;

    public ClientQueries(CurrentVertxRequest request, LogsConfig config) {
        this.request = request;
        this.config = config;
    }

    @FunctionalInterface
    public interface Reads<T> {
        T run() throws SQLException;
    }

    /**
     * @throws QueryTooExpensiveException when a statement ran past the timeout of {@code kind}
     * @throws ClientGoneException when the client hung up and its statement was cancelled
     */
    public <T> T run(QueryKind kind, Reads<T> reads) throws SQLException {
        QueryScope scope = new QueryScope(kind.timeout(config.query().timeout()));
        watchClient(scope);
        scope.bind();
        try {
            return reads.run();
        } catch (SQLException e) {
            if (QueryScope.QUERY_CANCELED.equals(e.getSQLState())) {
                if (scope.clientGone()) {
                    throw new ClientGoneException();
                }
                throw new QueryTooExpensiveException(scope.timeout());
            }
            throw e;
        } finally {
            scope.unbind();
        }
    }

    private void watchClient(QueryScope scope) {
        RoutingContext context = request.getCurrent();
        if (context == null) {
            return;
        }
        HttpServerResponse response = context.response();
        // Called on the event loop; cancelling opens a connection to PostgreSQL, so not there.
        response.closeHandler(closed -> CompletableFuture.runAsync(scope::clientClosed));
        if (response.closed()) {
            scope.clientClosed();
        }
    }
}
