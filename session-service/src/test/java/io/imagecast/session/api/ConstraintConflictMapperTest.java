package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstraintConflictMapperTest {
    @Test
    void aNameTakenAtTheSameInstantIsTheNameInUseConflict() {
        var problem = ConstraintConflictMapper.problemFor("session_active_name_idx");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.slug()).isEqualTo("name-in-use");
    }

    @Test
    void anIdempotencyKeyRaceAsksForARetry() {
        assertThat(ConstraintConflictMapper.problemFor("session_idempotency_key")
                        .slug())
                .isEqualTo("idempotency-key-in-flight");
    }

    @Test
    void anyOtherConstraintIsAConflictToRetry() {
        assertThat(ConstraintConflictMapper.problemFor(null).slug()).isEqualTo("conflict");
    }
}
