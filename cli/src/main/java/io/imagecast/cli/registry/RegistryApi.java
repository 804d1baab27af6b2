package io.imagecast.cli.registry;

import io.imagecast.cli.api.ApiCommand;

/** A command on node-registry's {@code /api/v1/nodes} and {@code /api/v1/groups}. */
abstract class RegistryApi extends ApiCommand {
    protected String nodes() {
        return endpoints().registryUrl() + "/api/v1/nodes";
    }

    protected String node(String name) {
        return nodes() + "/" + segment(name);
    }

    protected String groups() {
        return endpoints().registryUrl() + "/api/v1/groups";
    }

    protected String group(String name) {
        return groups() + "/" + segment(name);
    }

    protected VersionedWrite versioned() {
        return new VersionedWrite(client());
    }
}
