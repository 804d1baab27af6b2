package io.imagecast.registry.api;

import io.imagecast.registry.domain.IpAddresses;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class IpLiteralValidator implements ConstraintValidator<IpLiteral, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || IpAddresses.isUnicastLiteral(value);
    }
}
