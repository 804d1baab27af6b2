package io.imagecast.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstraintConflictMapperTest {
    @Test
    void aNodeInsertedConcurrentlyIsTheSameConflictAsAKnownNode() {
        var problem = ConstraintConflictMapper.problemFor("storage_node_pkey");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.toProblem("/api/v1/nodes").type().toString()).endsWith("/node-exists");
    }

    @Test
    void anyOtherConstraintIsAConflictToRetry() {
        var problem = ConstraintConflictMapper.problemFor("something_else");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.toProblem("/x").type().toString()).endsWith("/conflict");
    }
}
