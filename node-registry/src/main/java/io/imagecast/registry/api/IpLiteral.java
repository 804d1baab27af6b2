package io.imagecast.registry.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An IPv4 or IPv6 address literal (no host names: the registry never resolves names). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IpLiteralValidator.class)
public @interface IpLiteral {
    String message() default "must be an IPv4 or IPv6 address such as 192.168.1.10";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
