package io.imagecast.service.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

/**
 * Annotations can give an example only as a string, and SmallRye parses it as JSON for JSON bodies
 * alone; a form body's example written as a JSON object would stay a string that its object schema
 * rejects. This turns such examples into the objects they spell.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class FormExamplesFilter implements OASFilter {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public RequestBody filterRequestBody(RequestBody body) {
        if (body.getContent() == null) {
            return body;
        }
        MediaType form = body.getContent().getMediaType(FORM);
        if (form == null || form.getExamples() == null) {
            return body;
        }
        form.getExamples().values().forEach(example -> {
            if (example.getValue() instanceof String text && text.startsWith("{")) {
                example.setValue(parse(text));
            }
        });
        return body;
    }

    private static Map<?, ?> parse(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("form body example is not a JSON object: " + text, e);
        }
    }
}
