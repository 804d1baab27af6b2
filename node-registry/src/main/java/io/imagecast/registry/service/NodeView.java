package io.imagecast.registry.service;

import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.StorageNode;

/** A node with what it last reported. */
public record NodeView(StorageNode node, NodeRuntime runtime) {}
