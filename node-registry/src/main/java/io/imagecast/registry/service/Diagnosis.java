package io.imagecast.registry.service;

import io.imagecast.events.node.NodeStatus;
import io.imagecast.registry.domain.Finding;
import io.imagecast.registry.domain.InterfaceProposal;
import java.time.Instant;
import java.util.List;

/** A node's configuration compared with reality at {@code checkedAt}. */
public record Diagnosis(
        String node, NodeStatus status, List<Finding> findings, InterfaceProposal proposal, Instant checkedAt) {}
