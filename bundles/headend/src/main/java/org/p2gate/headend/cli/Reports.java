package org.p2gate.headend.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.p2gate.headend.ChannelSetup;
import org.p2gate.headend.EventEntry;
import org.p2gate.headend.KeyTransferResult;
import org.p2gate.headend.MeterValue;
import org.p2gate.headend.MethodResult;
import org.p2gate.headend.ProfileRow;

/** The CLI's results as JSON trees (documented field names) and as text for a person. */
final class Reports {

    private Reports() {}

    /** What a command produced: its JSON tree, its text, and whether the gateway did what was asked. */
    record Outcome(Map<String, Object> json, String text, boolean success) {
    }

    static Map<String, Object> setup(ChannelSetup s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mbusPortReference", s.mbusPortReference());
        List<Object> capture = new ArrayList<>();
        s.captureDefinition().forEach(c -> capture.add(map("dib", c.dib(), "vib", c.vib())));
        m.put("captureDefinition", capture);
        m.put("capturePeriod", s.capturePeriod());
        m.put("primaryAddress", s.primaryAddress());
        m.put("identificationNumber", s.identificationNumber());
        m.put("serialNumber", s.serialNumber());
        m.put("manufacturerId", s.manufacturerId());
        m.put("manufacturer", s.manufacturer());
        m.put("version", s.version());
        m.put("deviceType", s.deviceType());
        m.put("accessNumber", s.accessNumber());
        m.put("status", s.status());
        m.put("alarm", s.alarm());
        m.put("configuration", s.configuration());
        m.put("encryptionKeyStatus", s.encryptionKeyStatusCode());
        m.put("encryptionKeyStatusText", s.encryptionKeyStatus().map(k -> k.text()).orElse("undefined"));
        return m;
    }

    static String setupText(ChannelSetup s) {
        return String.format("  M-Bus Client Setup 0-%d:24.1.0.255%n"
                + "    device        %s %s, version %d, device type %d, %s%n"
                + "    status        0x%02X, alarm 0x%02X, access number %d, configuration 0x%04X%n"
                + "    key status    %s%n"
                + "    capture       every %d s, %s; port %s%n",
                s.channel(), s.manufacturer(), s.serialNumber(), s.version(), s.deviceType(),
                // P2 §8.4.2: a wireless device is bound by its Short ID; its primary address stays 0
                s.primaryAddress() == 0 && s.bound() ? "wireless (Short ID)" : "primary address " + s.primaryAddress(),
                s.status(), s.alarm(), s.accessNumber(), s.configuration(),
                s.encryptionKeyStatus().map(k -> k.text()).orElse("undefined (" + s.encryptionKeyStatusCode() + ")"),
                s.capturePeriod(), s.captureDefinition().isEmpty() ? "no records"
                        : s.captureDefinition().stream().map(c -> "DIB " + c.dib() + " VIB " + c.vib()).toList(),
                s.mbusPortReference());
    }

    static Map<String, Object> value(MeterValue v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v.value());
        m.put("raw", v.rawValue());
        m.put("scaler", v.scaler());
        m.put("unitCode", v.unitCode());
        m.put("unit", v.unit());
        m.put("status", v.status());
        m.put("captureTime", v.captureTime().map(Object::toString).orElse(null));
        return m;
    }

    static String valueText(MeterValue v) {
        return String.format("  value 0-%d:24.2.1.255  %s %s (raw %d, scaler %d), status 0x%02X, captured %s%n",
                v.channel(), v.value().toPlainString(), v.unit(), v.rawValue(), v.scaler(), v.status(),
                v.captureTime().map(Object::toString).orElse("never"));
    }

    static Map<String, Object> row(ProfileRow r) {
        return map("clock", r.clock().toString(), "status", r.status(), "value", r.value(), "unit", r.unit(),
                "captureTime", r.captureTime().map(Object::toString).orElse(null));
    }

    static String rowText(ProfileRow r) {
        return String.format("  %s  %s %s  status 0x%02X  captured %s%n", r.clock(), r.value().toPlainString(),
                r.unit(), r.status(), r.captureTime().map(Object::toString).orElse("-"));
    }

    static Map<String, Object> event(EventEntry e) {
        return map("time", e.time().toString(), "code", e.code(), "meaning", e.meaning(),
                "channel", e.channel().isPresent() ? e.channel().getAsInt() : null);
    }

    static String eventText(EventEntry e) {
        return String.format("  %s  %3d  %s%n", e.time(), e.code(), e.meaning());
    }

    static Map<String, Object> method(int channel, MethodResult r) {
        return map("channel", channel, "method", r.methodName(), "success", r.success(), "result", r.result().name(),
                "code", r.result().code(), "text", r.result().text());
    }

    static String methodText(int channel, MethodResult r) {
        return String.format("channel %d: %s %s%s%n", channel, r.methodName(),
                r.success() ? "done" : "refused: " + r.result().name(), r.success() ? "" : " (" + r.result().text() + ")");
    }

    static Outcome keyTransfer(int channel, KeyTransferResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel", channel);
        json.put("success", r.success());
        json.put("transferKey", method(channel, r.transferKey()));
        json.put("setEncryptionKey", r.setEncryptionKey().map(s -> (Object) method(channel, s)).orElse(null));
        String text = methodText(channel, r.transferKey()) + r.setEncryptionKey().map(s -> methodText(channel, s))
                .orElse("channel " + channel + ": set_encryption_key not called, the transfer failed\n");
        return new Outcome(json, text, r.success());
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
