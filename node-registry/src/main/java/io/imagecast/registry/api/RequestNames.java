package io.imagecast.registry.api;

import io.imagecast.registry.service.Problems;

/** The {@code name} member of create and replace bodies: required on create, optional but consistent on PUT. */
final class RequestNames {
    private RequestNames() {}

    static String required(String name) {
        if (name == null) {
            throw Problems.invalid("name", "must not be null");
        }
        return name;
    }

    static void requireMatchesPath(String bodyName, String pathName, String kind) {
        if (bodyName != null && !bodyName.equals(pathName)) {
            throw Problems.invalid("name", "must match the " + kind + " in the path (" + pathName + ") or be omitted");
        }
    }
}
