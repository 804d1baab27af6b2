package io.imagecast.registry.api;

import io.imagecast.registry.domain.InterfaceProposal;
import io.imagecast.registry.service.DiagnosisService.ObservedInterfaces;
import java.util.Comparator;
import java.util.List;

/** The interfaces a node reported (present ones first) and the proposed multicast interface. */
public record InterfacesResponse(
        String node, String configured, List<InterfaceResponse> interfaces, InterfaceProposal proposal) {
    static InterfacesResponse of(ObservedInterfaces observed) {
        return new InterfacesResponse(
                observed.node(),
                observed.configured(),
                observed.interfaces().stream()
                        .map(InterfaceResponse::of)
                        .sorted(Comparator.comparing((InterfaceResponse nic) -> !nic.present())
                                .thenComparing(InterfaceResponse::name))
                        .toList(),
                observed.proposal());
    }
}
