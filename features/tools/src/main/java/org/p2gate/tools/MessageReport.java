package org.p2gate.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Departure;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.message.Link;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.FixedDataStructure;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportHeader;

/**
 * What {@code decode} prints, as one ordered tree (maps, lists, strings, numbers, null): rendered
 * as JSON with {@code --json}, or as readable lines.
 */
final class MessageReport {

    private MessageReport() {}

    static Map<String, Object> of(Message message) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("frame", frame(message));
        report.put("header", header(message));
        report.put("security", security(message));
        List<Object> records = new ArrayList<>();
        for (DataRecord record : message.records()) {
            records.add(record(record));
        }
        report.put("records", records);
        if (message.data().hasManufacturerData()) {
            report.put("manufacturer_data", java.util.HexFormat.of().withUpperCase().formatHex(message.data().manufacturerData()));
        }
        if (message.data().undecoded().length > 0) {
            report.put("undecoded", java.util.HexFormat.of().withUpperCase().formatHex(message.data().undecoded()));
        }
        message.fixedData().ifPresent(fixed -> report.put("fixed_data", fixedData(fixed)));
        List<Object> departures = new ArrayList<>();
        for (Departure departure : message.departures()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", departure.kind().name());
            d.put("offset", departure.offset());
            d.put("detail", departure.detail());
            departures.add(d);
        }
        report.put("departures", departures);
        report.put("error", null);
        return report;
    }

    static Map<String, Object> error(DecodeException e) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("frame", null);
        report.put("header", null);
        report.put("records", List.of());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("offset", e.offset());
        error.put("reason", e.reason().name());
        error.put("message", e.getMessage());
        report.put("error", error);
        return report;
    }

    private static Map<String, Object> frame(Message message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        if (message.link() instanceof Link.Wired wired) {
            if (wired.frame() instanceof ShortFrame shortFrame) {
                frame.put("kind", "short frame");
                frame.put("c", hex(shortFrame.c()));
                frame.put("function", function(shortFrame.c(), true));
                frame.put("a", shortFrame.address());
            } else if (wired.frame() instanceof LongFrame longFrame) {
                frame.put("kind", longFrame.isControlFrame() ? "control frame" : "long frame");
                frame.put("c", hex(longFrame.c()));
                frame.put("function", function(longFrame.c(), true));
                frame.put("a", longFrame.address());
                frame.put("ci", hex2(longFrame.ci()));
            } else {
                frame.put("kind", "single character (ACK E5h)");
            }
        } else if (message.link() instanceof Link.Wireless wireless) {
            frame.put("kind", "wireless" + wireless.format().map(f -> " format " + f).orElse(" (no CRCs)"));
            frame.put("c", hex(wireless.frame().c()));
            frame.put("function", function(wireless.frame().c(), false));
            frame.put("a", shortId(wireless.frame().address()));
            frame.put("ci", hex2(wireless.frame().ci()));
        }
        message.transport().flatMap(t -> t.ci()).ifPresent(ci -> frame.put("application_ci", hex2(ci.code())));
        return frame;
    }

    private static Object header(Message message) {
        Optional<TransportHeader> header = message.transport().flatMap(t -> t.header());
        if (header.isEmpty()) {
            return null;
        }
        TransportHeader h = header.get();
        Map<String, Object> out = new LinkedHashMap<>();
        if (h instanceof LongHeader longHeader) {
            out.putAll(shortId(longHeader.deviceId()));
        } else {
            message.device().ifPresent(id -> out.putAll(shortId(id)));
        }
        out.put("access", h.accessNumber());
        out.put("status", hex2(h.status().value()));
        ConfigurationWord cw = h.configuration();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("word", String.format("%04X", cw.value()));
        configuration.put("mode", cw.mode());
        configuration.put("blocks", cw.encryptedBlocks());
        out.put("configuration", configuration);
        return out;
    }

    private static Map<String, Object> security(Message message) {
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("mode", message.security().mode());
        security.put("decrypted_blocks", message.security().encryptedBlocks());
        message.security().counter().ifPresent(c -> security.put("counter", c));
        return security;
    }

    private static Map<String, Object> shortId(ShortId id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.identificationNumber());
        out.put("manufacturer", id.manufacturer().letters());
        out.put("version", id.version());
        out.put("medium", id.deviceType().description());
        out.put("device_type", hex2(id.deviceType().code()));
        return out;
    }

    private static Map<String, Object> record(DataRecord record) {
        var dib = record.dataInformation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("function", dib.function().description());
        out.put("storage", dib.storageNumber());
        out.put("tariff", dib.tariff());
        out.put("subunit", dib.subunit());
        out.put("unit", record.unit());
        out.put("quantity", record.quantity());
        out.put("value", value(record.value()));
        record.cosemUnit().ifPresent(unit -> out.put("cosem_unit", unit.code()));
        record.scaledValue().ifPresent(scaled -> out.put("cosem_scaler", scaled.scaler()));
        return out;
    }

    /** EN 13757-3:2004 §6.2: the fixed data structure of CI 73h/77h. */
    private static Map<String, Object> fixedData(FixedDataStructure fixed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.format("%08d", fixed.identification()));
        out.put("access", fixed.accessNumber());
        out.put("status", hex2(fixed.status()));
        out.put("counters", (fixed.countersBinary() ? "binary" : "BCD")
                + (fixed.storedAtFixedDate() ? ", stored at a fixed date" : ", actual"));
        out.put("medium", fixed.mediumDescription());
        out.put("counter1", counter(fixed.counter1()));
        out.put("counter2", counter(fixed.counter2()));
        return out;
    }

    private static Map<String, Object> counter(FixedDataStructure.Counter counter) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", value(counter.value()));
        out.put("unit", counter.unit());
        out.put("unit_code", hex2(counter.unitCode()));
        return out;
    }

    /** Exact decimals as strings, dates ISO-8601, text as text, bytes as hex; nothing through double. */
    static Object value(RecordValue value) {
        if (value instanceof RecordValue.Numeric numeric) {
            return numeric.decimal().toPlainString();
        } else if (value instanceof RecordValue.Date date) {
            return date.date().toString();
        } else if (value instanceof RecordValue.DateTime dateTime) {
            return dateTime.dateTime().toString();
        } else if (value instanceof RecordValue.Time time) {
            return time.time().toString();
        } else if (value instanceof RecordValue.Text text) {
            return text.text();
        } else if (value instanceof RecordValue.Bits bits) {
            return Long.toString(bits.bits());
        } else if (value instanceof RecordValue.Bytes bytes) {
            return java.util.HexFormat.of().withUpperCase().formatHex(bytes.bytes());
        } else if (value instanceof RecordValue.Invalid invalid) {
            return "invalid: " + invalid.reason();
        }
        return null; // RecordValue.None: a record without data
    }

    private static String function(CField c, boolean wired) {
        return (wired ? c.wiredFunction() : c.wirelessFunction()).map(Enum::name).orElse("unknown");
    }

    private static String hex(CField c) {
        return hex2(c.value());
    }

    private static String hex2(int value) {
        return String.format("%02X", value);
    }
}
