package io.imagecast.session.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image directory relative to a group's image root. Only plain, normalised relative paths pass,
 * so a path can never leave the root: no "..", no ".", no absolute paths, no backslashes, no
 * control characters. FOG concatenated such values into a root shell command.
 */
public final class ImagePath {
    public static final int MAX_LENGTH = 255;
    private static final int MAX_SEGMENT = 128;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private ImagePath() {}

    /** The normalised path (trailing slash removed), or why it is refused. */
    public static Result check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Result.refused("must not be empty");
        }
        if (raw.length() > MAX_LENGTH) {
            return Result.refused("must be at most " + MAX_LENGTH + " characters");
        }
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Result.refused("must not contain control characters");
        }
        if (raw.startsWith("/") || raw.startsWith("~") || raw.matches("^[A-Za-z]:.*")) {
            return Result.refused("must be relative to the group's image root");
        }
        if (raw.contains("\\")) {
            return Result.refused("must use '/' as separator");
        }
        String path = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return Result.refused("must not contain empty segments ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Result.refused("must not contain '.' or '..' segments");
            }
            if (segment.length() > MAX_SEGMENT) {
                return Result.refused("segments must be at most " + MAX_SEGMENT + " characters");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return Result.refused("segment '" + segment + "' may use only letters, digits, '.', '_' and '-'");
            }
        }
        return new Result(Optional.of(path), null);
    }

    public record Result(Optional<String> path, String problem) {
        static Result refused(String problem) {
            return new Result(Optional.empty(), problem);
        }
    }
}
