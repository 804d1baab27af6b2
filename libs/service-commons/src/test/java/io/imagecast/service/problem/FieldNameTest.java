package io.imagecast.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FieldNameTest {
    private static ValidatorFactory factory;
    private static Validator validator;

    record Host(@NotBlank String ip) {}

    record Group(
            List<@NotBlank String> pool,
            List<@jakarta.validation.Valid Host> hosts,
            @Positive int max) {}

    @BeforeAll
    static void startValidator() {
        factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void listItemsAndNestedFieldsAreNamedAsTheClientWroteThem() {
        Set<ConstraintViolation<Group>> violations =
                validator.validate(new Group(List.of("239.1.0.0/24", " "), List.of(new Host("")), 0));

        Set<String> fields =
                violations.stream().map(ConstraintViolationMapper::fieldName).collect(Collectors.toSet());

        assertThat(fields).containsExactlyInAnyOrder("pool[1]", "hosts[0].ip", "max");
    }
}
