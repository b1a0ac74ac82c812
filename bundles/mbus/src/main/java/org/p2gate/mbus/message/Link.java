package org.p2gate.mbus.message;

import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WirelessFrame;

/** The link layer a message came in: a wired FT1.2 frame or a wireless FT3 frame. */
public sealed interface Link {

    /** The C-field, or empty for the E5h single character (it has none). */
    java.util.Optional<CField> c();

    /** A wired frame (EN 13757-2): single character, short or long frame. */
    record Wired(WiredFrame frame) implements Link {
        @Override
        public java.util.Optional<CField> c() {
            if (frame instanceof org.p2gate.mbus.frame.ShortFrame shortFrame) {
                return java.util.Optional.of(shortFrame.c());
            }
            if (frame instanceof org.p2gate.mbus.frame.LongFrame longFrame) {
                return java.util.Optional.of(longFrame.c());
            }
            return java.util.Optional.empty(); // the single character E5h

        }
    }

    /**
     * A wireless frame (EN 13757-4).
     *
     * @param format how it was framed: format A or B with block CRCs, or empty when the bytes came
     *               without CRCs (as many tools print telegrams)
     */
    record Wireless(WirelessFrame frame, java.util.Optional<org.p2gate.mbus.frame.WirelessFrameFormat> format)
            implements Link {
        @Override
        public java.util.Optional<CField> c() {
            return java.util.Optional.of(frame.c());
        }
    }
}
