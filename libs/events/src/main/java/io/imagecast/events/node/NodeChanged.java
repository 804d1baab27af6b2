package io.imagecast.events.node;

import io.imagecast.events.ImagecastMessage;

/** The full current state of a node after a change, so consumers keep a read model without calls. */
public record NodeChanged(NodeChange change, NodeSnapshot node) implements ImagecastMessage {
    @Override
    public String key() {
        return node.nodeId();
    }
}
