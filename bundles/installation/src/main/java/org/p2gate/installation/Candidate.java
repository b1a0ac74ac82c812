package org.p2gate.installation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.p2gate.mbus.transport.ShortId;

/**
 * A wireless device heard sending installation requests (SND_IR) and not registered: one line of the E-meter's
 * "display" (P2 4.2.2 §8.1: "at least the last 7 digits of the meter number ... of all wireless M-Bus devices
 * found will be shown on the display").
 *
 * @param shortId           the sender's Short ID (P2 §4.2.2), what selection writes into the channel
 * @param equipmentIdDigits the last digits of the equipment identifier if the SND_IR carried it in clear
 * @param rssiDbm           the signal strength of its last SND_IR
 * @param firstSeen         its first SND_IR
 * @param lastSeen          its last SND_IR
 */
public record Candidate(ShortId shortId, Optional<String> equipmentIdDigits, int rssiDbm, Instant firstSeen,
        Instant lastSeen) {

    /** P2 §8.1: "at least the last 7 digits of the meter number". */
    public static final int DISPLAY_DIGITS = 7;

    public Candidate {
        Objects.requireNonNull(shortId, "shortId");
        Objects.requireNonNull(equipmentIdDigits, "equipmentIdDigits");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /**
     * What the display shows: the last 7 digits of the equipment identifier when known, else of the Short ID's
     * identification number (P2 §6.4.1: the serial number's last 8 digits are the identification number).
     */
    public String display() {
        String digits = equipmentIdDigits.filter(d -> d.length() >= DISPLAY_DIGITS).orElse(shortId.identificationNumber());
        return digits.substring(Math.max(0, digits.length() - DISPLAY_DIGITS));
    }
}
