package io.imagecast.registry.service;

import io.imagecast.registry.domain.Finding;
import io.imagecast.registry.domain.InterfaceProposal;
import io.imagecast.registry.domain.NodeInterface;
import io.imagecast.registry.domain.NodeInterfaceRepository;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.NodeRuntimeRepository;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.domain.StorageNodeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class DiagnosisService {
    private final StorageNodeRepository nodes;
    private final NodeRuntimeRepository runtimes;
    private final NodeInterfaceRepository interfaces;
    private final NodeAssessor assessor;

    public DiagnosisService(
            StorageNodeRepository nodes,
            NodeRuntimeRepository runtimes,
            NodeInterfaceRepository interfaces,
            NodeAssessor assessor) {
        this.nodes = nodes;
        this.runtimes = runtimes;
        this.interfaces = interfaces;
        this.assessor = assessor;
    }

    @Transactional
    public Diagnosis diagnose(String name) {
        StorageNode node = nodes.findByIdOptional(name).orElseThrow(() -> Problems.nodeNotFound(name));
        NodeRuntime runtime = runtimes.forNode(name);
        List<NodeInterface> observed = interfaces.ofNode(name);
        Instant now = Instant.now();
        List<Finding> findings = assessor.findings(node, runtime, observed, now);
        return new Diagnosis(
                name,
                assessor.statusOf(runtime, findings, now),
                findings,
                InterfaceProposal.forNode(node, observed).orElse(null),
                now);
    }

    /** The interfaces the node reported, present ones first, with the proposal if there is one. */
    @Transactional
    public ObservedInterfaces interfacesOf(String name) {
        StorageNode node = nodes.findByIdOptional(name).orElseThrow(() -> Problems.nodeNotFound(name));
        List<NodeInterface> observed = interfaces.ofNode(name);
        return new ObservedInterfaces(
                node.name,
                node.multicastInterface,
                observed,
                InterfaceProposal.forNode(node, observed).orElse(null));
    }

    public record ObservedInterfaces(
            String node, String configured, List<NodeInterface> interfaces, InterfaceProposal proposal) {}
}
