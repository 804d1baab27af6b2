package io.imagecast.registry.api;

import io.imagecast.registry.domain.PortWindow;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PortWindowValidator implements ConstraintValidator<ValidPortWindow, GroupRequest> {
    @Override
    public boolean isValid(GroupRequest request, ConstraintValidatorContext context) {
        if (request == null || request.portWindowStart() == null || request.portWindowEnd() == null) {
            return true; // @NotNull on the fields reports missing values
        }
        context.disableDefaultConstraintViolation();
        boolean valid = checkBound(request.portWindowStart(), "portWindowStart", context);
        valid &= checkBound(request.portWindowEnd(), "portWindowEnd", context);
        if (valid && request.portWindowStart() > request.portWindowEnd()) {
            violation(
                    context, "portWindowEnd", "must not be below portWindowStart (" + request.portWindowStart() + ")");
            valid = false;
        }
        return valid;
    }

    private static boolean checkBound(int port, String field, ConstraintValidatorContext context) {
        if (port < PortWindow.LOWEST || port > PortWindow.HIGHEST) {
            violation(context, field, "must be between " + PortWindow.LOWEST + " and " + PortWindow.HIGHEST);
            return false;
        }
        if (port % 2 != 0) {
            violation(context, field, "must be even: a session uses its base port and the next one");
            return false;
        }
        return true;
    }

    private static void violation(ConstraintValidatorContext context, String field, String message) {
        context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                .addPropertyNode(field)
                .addConstraintViolation();
    }
}
