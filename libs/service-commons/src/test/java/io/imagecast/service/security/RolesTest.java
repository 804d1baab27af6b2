package io.imagecast.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void eachRoleImpliesTheOnesBelowIt() {
        assertThat(Roles.withImplied(Set.of("admin"))).containsExactlyInAnyOrder("admin", "operator", "viewer");
        assertThat(Roles.withImplied(Set.of("operator"))).containsExactlyInAnyOrder("operator", "viewer");
        assertThat(Roles.withImplied(Set.of("viewer"))).containsExactlyInAnyOrder("viewer");
    }

    @Test
    void nothingIsImpliedUpwardsOrFromUnknownRoles() {
        assertThat(Roles.withImplied(Set.of())).isEmpty();
        assertThat(Roles.withImplied(Set.of("offline_access", "viewer")))
                .containsExactlyInAnyOrder("offline_access", "viewer");
    }
}
