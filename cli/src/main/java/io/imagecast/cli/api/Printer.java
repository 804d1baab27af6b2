package io.imagecast.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Locale;

/** Writes a command's result: pretty JSON for scripts, or text for people with colours only on a terminal. */
public final class Printer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean colour;

    public Printer(PrintWriter out, OutputFormat format, boolean colour) {
        this.out = out;
        this.format = format;
        this.colour = colour;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }

    public void json(JsonNode node) {
        out.println(write(JSON, node));
        out.flush();
    }

    /** One JSON document per line, for streams a script reads as they come. */
    public void jsonLine(JsonNode node) {
        out.println(write(COMPACT, node));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void print(String text) {
        out.print(text);
        out.flush();
    }

    public void table(Table table) {
        table.render(this).forEach(out::println);
        out.flush();
    }

    /** {@code text} in the colour that suits it (states, severities), when colours are on. */
    public String paint(String text) {
        if (!colour || text == null) {
            return text;
        }
        String code = switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "COMPLETED", "ONLINE", "READY", "YES", "UP" -> "32";
            case "PARTIAL", "WARNING", "DEGRADED", "WAITING_FOR_RECEIVERS", "WARN" -> "33";
            case "FAILED", "CANCELLED", "OFFLINE", "ERROR", "DROPPED", "NOT READY", "NEVER_SEEN" -> "31";
            default -> null;
        };
        return code == null ? text : "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    public String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }
}
