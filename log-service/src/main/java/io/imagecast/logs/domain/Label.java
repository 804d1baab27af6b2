package io.imagecast.logs.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The indexed labels of a log line: their LogQL/Loki name and the column that stores them. */
public enum Label {
    SERVICE("service", "service"),
    NODE("node", "node"),
    SESSION("session", "session_id"),
    LEVEL("level", "level");

    private final String lokiName;
    private final String column;

    Label(String lokiName, String column) {
        this.lokiName = lokiName;
        this.column = column;
    }

    public String lokiName() {
        return lokiName;
    }

    public String column() {
        return column;
    }

    public static Optional<Label> byName(String name) {
        return Arrays.stream(values()).filter(l -> l.lokiName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Label::lokiName).sorted().toList();
    }
}
