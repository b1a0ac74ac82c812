package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.testing.ConformanceCorpus;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The libmbus corpus as an independent oracle: every record of every test frame is compared with
 * libmbus's normalized output (header: id, manufacturer, version, access number, status; each
 * record: function, storage, tariff, subunit, unit, value), decoded by the whole message decoder. Differences
 * libmbus gets wrong by EN 13757-3 are listed in {@link #KNOWN_LIBMBUS_QUIRKS}, one reason each.
 */
class LibmbusConformanceTest {

    static Path corpus() {
        return ConformanceCorpus.require("libmbus conformance tests");
    }

    /** A known way in which libmbus differs from EN 13757-3, matched on the difference text. */
    record Quirk(String justification, java.util.regex.Pattern difference) {
        Quirk(String justification, String regex) {
            this(justification, java.util.regex.Pattern.compile(regex));
        }
    }

    static final List<Quirk> KNOWN_LIBMBUS_QUIRKS = List.of(
            new Quirk("plain-text VIF (EN 13757-3 §6.4.2): we give the meter's unit text, libmbus normalizes it to '-'",
                    ".*:unit ours '(%RH|C|c|bat\\. time)' libmbus '-'"),
            new Quirk("VIF 6Eh has no unit (EN 13757-3 Table 10); libmbus prints the quantity name as its unit",
                    ".*:unit ours '' libmbus 'Units for H\\.C\\.A\\.'"),
            new Quirk("reserved FD-table VIFE (FD 7Ch): no unit; libmbus prints 'Reserved' as its unit",
                    "siemens_rvd235#[345]:unit ours '' libmbus 'Reserved'"),
            new Quirk("VIFE 28h is 'increment per input pulse on channel 0' (EN 13757-3 Table 15): we say so in the unit, libmbus drops the VIFE",
                    ".*:unit ours 'm\\^3/pulse input 0' libmbus 'm\\^3'"),
            new Quirk("a date with day 0 / month 0 is not a date (EN 13757-3 Annex A, types F/G); we report Invalid, libmbus prints it",
                    ".*:value ours Invalid\\[reason=not a date: year 2000 month 0 day 0\\] libmbus (2000-00-00|0\\.000000)"),
            new Quirk("type F with the IV bit set is an invalid time (EN 13757-3 Annex A); libmbus prints 1900-01-00",
                    "REL-Relay-Padpuls2#1:value ours Invalid\\[reason=type F date/time marked invalid \\(IV bit\\)\\].*"),
            new Quirk("type F year 127 (all ones) is no two-digit year; libmbus prints 2027",
                    "landis\\+gyr_ultraheat_t230#32:value ours Invalid\\[reason=year 127 is not two digits\\].*"),
            new Quirk("VIFE 6Fh is 'date/time of' (EN 13757-3 Table 15): the data is a type F date; libmbus scales the date bits as a power",
                    "landis\\+gyr_ultraheat_t230#2[12]:value ours '2011-08-.*' libmbus '4\\d+\\.\\d+'"),
            new Quirk("LVAR text of ten spaces: we keep the meter's text, libmbus trims it",
                    "itron_cyble_m-bus_v1\\.4_cold_water#1:value ours '          ' libmbus ''"),
            new Quirk("CI 73h: libmbus reads the old EN 1434-3 fixed data structure; EN 13757-3:2013 makes 73h a compact "
                    + "frame with a long header, which we follow, keeping its data raw (no DIF/VIF records)",
                    "sen_pollusonic_2(:(manufacturer|version|access|status) .*|: 0 records, libmbus 2)"));

    @Test
    void everyTestFrameDecodesLikeLibmbusExceptForListedQuirks() throws Exception {
        List<String> differences = new ArrayList<>();
        int frames = 0;
        int compared = 0;
        try (Stream<Path> files = Files.list(corpus().resolve("test-frames"))) {
            for (Path hex : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                String name = hex.getFileName().toString().replace(".hex", "");
                Path norm = hex.resolveSibling(name + ".norm.xml");
                byte[] frame = frameBytes(hex);
                if (!Files.exists(norm)) {
                    differences.add(name + ": no .norm.xml");
                    continue;
                }
                frames++;
                List<DataRecord> records;
                try {
                    Message message = DECODER.decodeWired(frame, 0, frame.length);
                    compareHeader(name, message, norm, differences);
                    records = message.records();
                } catch (DecodeException e) {
                    differences.add(name + ": " + e);
                    continue;
                }
                List<Element> expected = libmbusRecords(norm);
                if (expected.size() != records.size()) {
                    differences.add(name + ": " + records.size() + " records, libmbus " + expected.size());
                }
                for (int i = 0; i < Math.min(records.size(), expected.size()); i++) {
                    compared++;
                    compare(name + "#" + i, records.get(i), expected.get(i), differences);
                }
            }
        }
        List<String> unexplained = differences.stream()
                .filter(d -> KNOWN_LIBMBUS_QUIRKS.stream().noneMatch(q -> q.difference().matcher(d).matches()))
                .toList();
        System.out.println("libmbus conformance: " + frames + " frames, " + compared + " records compared, "
                + differences.size() + " differences, " + unexplained.size() + " unexplained");
        unexplained.forEach(d -> System.out.println("  " + d));
        assertTrue(frames >= 37, "the corpus is there");
        for (Quirk q : KNOWN_LIBMBUS_QUIRKS) {
            assertTrue(differences.stream().anyMatch(d -> q.difference().matcher(d).matches()),
                    "allow-list entry matches nothing any more: " + q.justification());
        }
        assertEquals(List.of(), unexplained);
    }

    private static final MessageDecoder DECODER = new MessageDecoder(KeyLookup.NONE);

    static byte[] frameBytes(Path spacedHex) throws IOException {
        return java.util.HexFormat.of().parseHex(Files.readString(spacedHex, StandardCharsets.ISO_8859_1).replaceAll("\\s+", ""));
    }

    /** libmbus's SlaveInformation: the long header's Id, Manufacturer, Version, AccessNumber and Status. */
    private static void compareHeader(String name, Message message, Path norm, List<String> out) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(norm.toFile());
        Element slave = (Element) doc.getElementsByTagName("SlaveInformation").item(0);
        var header = message.transport().flatMap(t -> t.header());
        if (header.isEmpty() || !(header.get() instanceof LongHeader longHeader)) {
            out.add(name + ": no long header");
            return;
        }
        // libmbus prints the identification number without leading zeros
        check(out, name + ":id", longHeader.deviceId().identificationNumber().replaceFirst("^0+(?=.)", ""), text(slave, "Id"));
        check(out, name + ":manufacturer", longHeader.deviceId().manufacturer().letters(), text(slave, "Manufacturer"));
        check(out, name + ":version", Integer.toString(longHeader.deviceId().version()), text(slave, "Version"));
        check(out, name + ":access", Integer.toString(longHeader.accessNumber()), text(slave, "AccessNumber"));
        check(out, name + ":status", String.format("%02X", longHeader.status().value()), text(slave, "Status"));
    }

    private static void compare(String id, DataRecord ours, Element theirs, List<String> out) {
        check(out, id + ":function", functionName(ours), text(theirs, "Function"));
        check(out, id + ":storage", Long.toString(ours.dataInformation().storageNumber()), text(theirs, "StorageNumber"));
        check(out, id + ":tariff", Integer.toString(ours.dataInformation().tariff()), textOr(theirs, "Tariff", "0"));
        check(out, id + ":subunit", Integer.toString(ours.dataInformation().subunit()), textOr(theirs, "Device", "0"));
        String theirValue = text(theirs, "Value");
        RecordValue v = ours.value();
        if (v instanceof RecordValue.Bits b) {
            v = RecordValue.Numeric.of(b.bits(), 0); // type D: libmbus prints the bits as a number
        }
        if (v instanceof RecordValue.Numeric n) {
            // libmbus normalizes durations to seconds and MWh to Wh; we keep the meter's own unit and scale
            String unit = ours.unit();
            BigDecimal factor = switch (unit) {
                case "min" -> BigDecimal.valueOf(60);
                case "h" -> BigDecimal.valueOf(3600);
                case "d" -> BigDecimal.valueOf(86400);
                case "MWh" -> BigDecimal.valueOf(1_000_000);
                default -> BigDecimal.ONE;
            };
            if (!factor.equals(BigDecimal.ONE)) {
                unit = unit.equals("MWh") ? "Wh" : "s";
                n = RecordValue.Numeric.of(n.decimal().multiply(factor));
            }
            check(out, id + ":unit", unit, text(theirs, "Unit"));
            BigDecimal expected;
            try {
                expected = new BigDecimal(theirValue);
            } catch (NumberFormatException e) {
                out.add(id + ":value ours " + n.decimal().toPlainString() + " libmbus " + theirValue);
                return;
            }
            BigDecimal diff = n.decimal().subtract(expected).abs();
            BigDecimal tolerance = expected.abs().multiply(new BigDecimal("1E-12")).max(new BigDecimal("0.0000005"));
            if (diff.compareTo(tolerance) > 0) {
                out.add(id + ":value ours " + n.decimal().toPlainString() + " libmbus " + theirValue);
            }
        } else if (v instanceof RecordValue.Date d) {
            check(out, id + ":value", d.date().toString(), theirValue);
        } else if (v instanceof RecordValue.DateTime dt) {
            check(out, id + ":value", dt.dateTime().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z", theirValue);
        } else if (v instanceof RecordValue.Text t) {
            check(out, id + ":value", t.text(), theirValue);
        } else {
            out.add(id + ":value ours " + v + " libmbus " + theirValue);
        }
    }

    private static void check(List<String> out, String id, String ours, String theirs) {
        if (!ours.equals(theirs)) {
            out.add(id + " ours '" + ours + "' libmbus '" + theirs + "'");
        }
    }

    private static String functionName(DataRecord r) {
        return r.dataInformation().function().description();
    }

    private static List<Element> libmbusRecords(Path norm) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(norm.toFile());
        NodeList nodes = doc.getElementsByTagName("DataRecord");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String f = text(e, "Function");
            if (!f.equals("Manufacturer specific") && !f.equals("More records follow")) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        // libmbus writes UTF-8 bytes into files it declares ISO-8859-1 ("Â°C"): undo that
        return n.getLength() == 0 ? "" : new String(n.item(0).getTextContent().trim().getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
    }

    private static String textOr(Element e, String tag, String otherwise) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? otherwise : n.item(0).getTextContent().trim();
    }
}
