package io.imagecast.service.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The role hierarchy: admin ⊃ operator ⊃ viewer. Endpoints name the least role they need
 * ({@code @RolesAllowed("viewer")} for reads), so a caller holding a higher role must also hold
 * every lower one; the server adds them, whatever the token lists.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    /** Highest first; each role implies every role after it. */
    private static final List<String> HIERARCHY = List.of(ADMIN, OPERATOR, VIEWER);

    private Roles() {}

    /** The given roles plus every role they imply; roles outside the hierarchy are kept as they are. */
    public static Set<String> withImplied(Set<String> roles) {
        Set<String> all = new LinkedHashSet<>(roles);
        for (int i = 0; i < HIERARCHY.size(); i++) {
            if (roles.contains(HIERARCHY.get(i))) {
                all.addAll(HIERARCHY.subList(i, HIERARCHY.size()));
                break;
            }
        }
        return all;
    }
}
