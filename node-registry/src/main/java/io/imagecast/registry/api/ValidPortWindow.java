package io.imagecast.registry.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A group's port window: even bounds inside 1024-65534, start not after end. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PortWindowValidator.class)
public @interface ValidPortWindow {
    String message() default "invalid port window";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
