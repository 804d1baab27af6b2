package io.imagecast.sender.api;

import io.imagecast.service.problem.HttpLayerProblems;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts sender-service with request-target validation answered as problem documents. */
@QuarkusMain
public final class SenderServiceMain {
    private SenderServiceMain() {}

    public static void main(String... args) {
        // Before Quarkus builds its HTTP root handler, which reads the property once.
        HttpLayerProblems.validateUrisHere();
        Quarkus.run(args);
    }
}
