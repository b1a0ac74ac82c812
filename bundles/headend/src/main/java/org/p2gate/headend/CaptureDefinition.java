package org.p2gate.headend;

import java.util.HexFormat;

/** One element of class 72 attribute 3, capture_definition: the DIB and VIB of a captured record, in hex. */
public record CaptureDefinition(String dib, String vib) {

    static CaptureDefinition of(byte[] dib, byte[] vib) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return new CaptureDefinition(hex.formatHex(dib), hex.formatHex(vib));
    }
}
