package io.imagecast.cli.sessions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code --host} value as the API's host object: {@code name=pc1,mac=...,ip=...}, or a single value that
 * is read as an IPv4 address, a MAC address or else a host name.
 */
final class HostSpecs {
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern MAC = Pattern.compile("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$");

    private HostSpecs() {}

    static Map<String, String> parse(String text) {
        Map<String, String> host = new LinkedHashMap<>();
        if (!text.contains("=")) {
            String value = text.trim();
            host.put(IPV4.matcher(value).matches() ? "ip" : MAC.matcher(value).matches() ? "mac" : "name", value);
            return host;
        }
        for (String part : text.split(",")) {
            String[] pair = part.split("=", 2);
            String key = pair[0].trim();
            if (pair.length != 2 || !(key.equals("name") || key.equals("mac") || key.equals("ip"))) {
                throw new IllegalArgumentException(
                        "--host: '" + text + "' is not NAME, IP, MAC or name=...,mac=...,ip=...");
            }
            host.put(key, pair[1].trim());
        }
        return host;
    }
}
