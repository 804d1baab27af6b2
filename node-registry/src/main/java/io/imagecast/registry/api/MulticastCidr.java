package io.imagecast.registry.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An IPv4 CIDR block inside 224.0.0.0/4, host bits clear, outside 224.0.0.0/24. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MulticastCidrValidator.class)
public @interface MulticastCidr {
    String message() default "must be a multicast CIDR block";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
