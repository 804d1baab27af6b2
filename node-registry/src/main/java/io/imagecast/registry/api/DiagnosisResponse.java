package io.imagecast.registry.api;

import io.imagecast.events.node.NodeStatus;
import io.imagecast.registry.domain.Finding;
import io.imagecast.registry.domain.InterfaceProposal;
import io.imagecast.registry.domain.Severity;
import io.imagecast.registry.service.Diagnosis;
import java.time.Instant;
import java.util.List;

/** {@code ready} is true when nothing blocks multicast from this node. */
public record DiagnosisResponse(
        String node,
        NodeStatus status,
        boolean ready,
        List<Finding> problems,
        InterfaceProposal proposal,
        Instant checkedAt) {
    static DiagnosisResponse of(Diagnosis diagnosis) {
        boolean ready = diagnosis.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR);
        return new DiagnosisResponse(
                diagnosis.node(),
                diagnosis.status(),
                ready,
                diagnosis.findings(),
                diagnosis.proposal(),
                diagnosis.checkedAt());
    }
}
