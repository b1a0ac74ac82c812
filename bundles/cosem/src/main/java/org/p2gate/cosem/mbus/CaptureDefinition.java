package org.p2gate.cosem.mbus;

import java.util.List;
import java.util.Optional;
import org.p2gate.mbus.transport.DeviceType;

/**
 * The capture_definition of a channel (class 72 attribute 3: array of {DIB, VIB}): the record the
 * E-meter captures hourly for the device's medium, after P2 4.2.2 Appendix A (gas/water 0C 13 with the
 * storage bit: the hourly value is storage number 1, DIF 4Ch; heat 0C 0D; cold 4C 0D). Empty while the
 * device is unknown.
 */
final class CaptureDefinition {

    private record Element(byte[] dib, byte[] vib) {}

    private CaptureDefinition() {}

    static byte[] of(Optional<DeviceType> type) {
        List<Element> elements = type.map(CaptureDefinition::elements).orElse(List.of());
        Axdr out = new Axdr().array(elements.size());
        for (Element e : elements) {
            out.structure(2).octetString(e.dib()).octetString(e.vib());
        }
        return out.bytes();
    }

    private static List<Element> elements(DeviceType type) {
        int code = type.code();
        if (code == DeviceType.GAS.code() || code == DeviceType.WATER.code() || code == DeviceType.WARM_WATER.code()
                || code == DeviceType.HOT_WATER.code() || code == DeviceType.COLD_WATER.code()) {
            return List.of(new Element(new byte[] {0x4C}, new byte[] {0x13})); // Appendix A: 0C 13, storage 1
        }
        if (code == DeviceType.HEAT_OUTLET.code() || code == DeviceType.HEAT_INLET.code()) {
            return List.of(new Element(new byte[] {0x4C}, new byte[] {0x0D})); // Appendix A: heat 0C 0D, storage 1
        }
        if (code == DeviceType.COOLING_OUTLET.code() || code == DeviceType.COOLING_INLET.code()) {
            return List.of(new Element(new byte[] {0x4C}, new byte[] {0x0D})); // Appendix A: cold 4C 0D
        }
        return List.of();
    }
}
