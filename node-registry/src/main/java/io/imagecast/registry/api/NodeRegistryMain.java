package io.imagecast.registry.api;

import io.imagecast.service.problem.HttpLayerProblems;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts node-registry with request-target validation answered as problem documents. */
@QuarkusMain
public final class NodeRegistryMain {
    private NodeRegistryMain() {}

    public static void main(String... args) {
        // Before Quarkus builds its HTTP root handler, which reads the property once.
        HttpLayerProblems.validateUrisHere();
        Quarkus.run(args);
    }
}
