package io.imagecast.logs.api;

import io.imagecast.service.problem.HttpLayerProblems;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts log-service with request-target validation answered as problem documents. */
@QuarkusMain
public final class LogServiceMain {
    private LogServiceMain() {}

    public static void main(String... args) {
        // Before Quarkus builds its HTTP root handler, which reads the property once.
        HttpLayerProblems.validateUrisHere();
        Quarkus.run(args);
    }
}
