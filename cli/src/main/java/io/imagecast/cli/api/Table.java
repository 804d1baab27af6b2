package io.imagecast.cli.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Columns aligned to their widest cell; columns marked painted get state colours (padding stays outside). */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final Set<Integer> painted = new HashSet<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table paint(int column) {
        painted.add(column);
        return this;
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c.toString()).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    List<String> render(Printer printer) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(printer.bold(join(headers, widths, null)).stripTrailing());
        for (List<String> row : rows) {
            lines.add(join(row, widths, printer).stripTrailing());
        }
        return lines;
    }

    private String join(List<String> cells, int[] widths, Printer printer) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length() + (i == cells.size() - 1 ? 0 : 2));
            line.append(printer != null && painted.contains(i) ? printer.paint(cell) : cell)
                    .append(padding);
        }
        return line.toString();
    }
}
