package io.imagecast.sender.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.service.problem.Problem;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Clients match on type, title and status: the catalogue must keep them as published. */
class ProblemsTest {
    @Test
    void anUnknownTransferKeepsItsPublishedTypeTitleAndStatus() {
        UUID session = UUID.randomUUID();
        Problem document = Problems.transferNotFound(session).toProblem("/api/v1/transfers/" + session);
        assertThat(document.status()).isEqualTo(404);
        assertThat(document.type()).hasToString("https://imagecast.io/problems/transfer-not-found");
        assertThat(document.title()).isEqualTo("Transfer not found");
        assertThat(document.detail()).contains(session.toString());
    }
}
