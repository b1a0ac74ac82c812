package org.p2gate.tools;

import java.util.List;
import java.util.Map;

/** The report tree as lines a person reads: one line per section, one per record. */
final class TextReport {

    private TextReport() {}

    static String render(Map<String, Object> report) {
        StringBuilder text = new StringBuilder();
        line(text, "frame", report.get("frame"));
        line(text, "header", report.get("header"));
        line(text, "security", report.get("security"));
        if (report.containsKey("transferred_user_key")) {
            text.append(String.format("%-9s %s%n", "user key", report.get("transferred_user_key")));
        }
        List<?> records = (List<?>) report.get("records");
        text.append(String.format("%-9s %d%n", "records", records.size()));
        int n = 0;
        for (Object item : records) {
            Map<?, ?> record = (Map<?, ?>) item;
            text.append(String.format("  %2d  %-14s storage %-3s tariff %-2s subunit %-2s %-36s %s %s%n", ++n,
                    record.get("function"), record.get("storage"), record.get("tariff"), record.get("subunit"),
                    record.get("quantity"), record.get("value"), record.get("unit")));
        }
        if (report.containsKey("manufacturer_data")) {
            text.append(String.format("%-9s %s%n", "mfct", report.get("manufacturer_data")));
        }
        if (report.containsKey("undecoded")) {
            text.append(String.format("%-9s %s%n", "undecoded", report.get("undecoded")));
        }
        line(text, "fixed", report.get("fixed_data"));
        for (Object item : (List<?>) report.getOrDefault("departures", List.of())) {
            Map<?, ?> departure = (Map<?, ?>) item;
            text.append(String.format("%-9s %s at byte %s: %s%n", "tolerated", departure.get("kind"), departure.get("offset"),
                    departure.get("detail")));
        }
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String title, Object section) {
        if (section == null) {
            return;
        }
        text.append(String.format("%-9s %s%n", title, flat((Map<?, ?>) section)));
    }

    private static String flat(Map<?, ?> map) {
        StringBuilder line = new StringBuilder();
        for (var entry : map.entrySet()) {
            if (line.length() > 0) {
                line.append("  ");
            }
            Object value = entry.getValue();
            line.append(entry.getKey()).append(' ')
                    .append(value instanceof Map<?, ?> inner ? "(" + flat(inner) + ")" : value);
        }
        return line.toString();
    }
}
