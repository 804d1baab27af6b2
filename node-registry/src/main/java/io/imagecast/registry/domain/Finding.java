package io.imagecast.registry.domain;

import java.util.List;

/**
 * One problem found by comparing a node's configuration with what it reports, with the fix.
 * {@code candidates} lists the node's interfaces when choosing one is the fix.
 */
public record Finding(
        FindingCode code, Severity severity, String message, String fix, List<InterfaceCandidate> candidates) {
    public Finding {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    static Finding error(FindingCode code, String message, String fix) {
        return new Finding(code, Severity.ERROR, message, fix, List.of());
    }

    static Finding warning(FindingCode code, String message, String fix) {
        return new Finding(code, Severity.WARNING, message, fix, List.of());
    }

    Finding withCandidates(List<InterfaceCandidate> interfaceCandidates) {
        return new Finding(code, severity, message, fix, interfaceCandidates);
    }

    public boolean blocksMulticast() {
        return severity == Severity.ERROR;
    }
}
