package io.imagecast.registry.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A unicast IPv4 or IPv6 address literal in ASCII digits (no host names: the registry never
 * resolves names), as a host's own address can be: not multicast, broadcast or unspecified.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IpLiteralValidator.class)
public @interface IpLiteral {
    String message() default
            "must be a unicast IPv4 or IPv6 address in ASCII digits such as 192.168.1.10"
                    + " (not multicast, broadcast or 0.0.0.0)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
