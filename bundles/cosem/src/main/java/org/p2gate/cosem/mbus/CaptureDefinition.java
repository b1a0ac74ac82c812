package org.p2gate.cosem.mbus;

import java.util.List;
import java.util.Optional;
import org.p2gate.master.HourlyRecords;
import org.p2gate.mbus.transport.DeviceType;

/**
 * The capture_definition of a channel (class 72 attribute 3: array of {DIB, VIB}): the records the E-meter
 * captures hourly for the device's medium, from {@link HourlyRecords} — the same table the master takes the
 * stored value from, so the attribute names the record the value came from (P2 4.2.2 §6.4.4–§6.4.7: gas 4C 13
 * or 4C 14, heat 4C 0F, cold CC 40 0F, water 4C 13, slave E-meter 4C 03). Empty while the device is unknown.
 */
final class CaptureDefinition {

    private CaptureDefinition() {}

    static byte[] of(Optional<DeviceType> type) {
        List<HourlyRecords.Capture> elements = type.map(HourlyRecords::of).orElse(List.of());
        Axdr out = new Axdr().array(elements.size());
        for (HourlyRecords.Capture e : elements) {
            out.structure(2).octetString(e.dib().toBytes()).octetString(e.vib().toBytes());
        }
        return out.bytes();
    }
}
