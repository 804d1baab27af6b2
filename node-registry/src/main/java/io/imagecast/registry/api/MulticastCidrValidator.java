package io.imagecast.registry.api;

import io.imagecast.registry.domain.MulticastBlock;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

public class MulticastCidrValidator implements ConstraintValidator<MulticastCidr, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true; // @NotNull decides whether null is allowed
        }
        Optional<String> problem = MulticastBlock.problemWith(value);
        problem.ifPresent(message -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            message.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
        });
        return problem.isEmpty();
    }
}
