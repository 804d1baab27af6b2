package io.imagecast.session.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** What a scheduler or a person asks for; cross-field rules live in {@code SessionRequestRules}. */
public record CreateSessionRequest(
        @NotBlank
        @Size(max = 64)
        @Pattern(
                regexp = NAME,
                message = "must start with a letter or digit and use only letters, digits, '.', '_', '-' or spaces")
        String name,

        @NotNull @Valid ImageSpec image,

        @NotBlank @Size(max = 64) @Pattern(regexp = GROUP, message = "must use only letters, digits, '.', '_' or '-'")
        String storageGroup,

        @Min(1) @Max(10_000) Integer expectedReceivers,
        @Size(max = 2_000) List<@NotNull @Valid HostSpec> hosts,
        @Min(0) @Max(86_400) Integer maxWaitSeconds,
        @Min(0) @Max(86_400) Integer minWaitSeconds,
        @Min(1) @Max(604_800) Integer startTimeoutSeconds,
        Instant startAt,
        @Min(10_000) @Max(400_000_000_000L) Long maxBitrateBps,
        Duplex duplex,
        @Min(1) @Max(255) Integer ttl) {

    static final String NAME = "^[A-Za-z0-9][A-Za-z0-9._ -]*$";
    static final String GROUP = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public enum Duplex {
        FULL,
        HALF
    }

    /**
     * An image directory relative to the group's image root and, optionally, its files in sending
     * order. Without files the node lists the directory with FOG's naming rules (d1p1.img, d1p2.img,
     * ... in natural order).
     */
    public record ImageSpec(
            @NotBlank @Size(max = 255) String dir,

            @Size(max = 256)
            List<
                            @NotBlank @Size(max = 128)
                            @Pattern(
                                    regexp = FILE,
                                    message = "must be a plain file name of letters, digits, '.', '_' or '-'")
                            String>
                    files) {
        static final String FILE = "^[A-Za-z0-9_][A-Za-z0-9._-]*$";
    }

    /** A client expected in the session; at least one of name, MAC and IP. */
    public record HostSpec(
            @Size(max = 128) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]*$", message = "must be a host name")
            String name,

            @Pattern(
                    regexp = "^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$",
                    message = "must be a MAC address like 00:11:22:33:44:55")
            String mac,

            @Size(max = 15)
            @Pattern(
                    regexp = UNICAST_IPV4,
                    message = "must be a unicast IPv4 address such as 10.0.0.11"
                            + " (not multicast, broadcast or 0.0.0.0)")
            String ip) {
        /**
         * Dotted quad in ASCII digits (\\d is ASCII-only here) whose first octet is 1-223: 0.0.0.0/8 is
         * "this network", 224.0.0.0/4 multicast, 240.0.0.0/4 reserved and 255.255.255.255 broadcast.
         */
        static final String UNICAST_IPV4 = "^(?!(0|22[4-9]|2[3-5]\\d)\\.)"
                + "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$";
    }
}
