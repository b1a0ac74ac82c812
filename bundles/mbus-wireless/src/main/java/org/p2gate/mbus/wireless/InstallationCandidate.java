package org.p2gate.mbus.wireless;

import java.time.Instant;
import java.util.Optional;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/**
 * A meter heard sending installation requests (SND_IR, P2 4.2.2 §4.4.7) whose Short ID is not bound: what
 * installation mode offers for selection (P2 §8.4.2.2 step 5, §8.4.2.3 step 5).
 *
 * @param shortId            the sender's Short ID (P2 §4.2.2)
 * @param equipmentIdDigits  the last 7 digits of the equipment identifier (P2 §6.4.1), when the SND_IR carried
 *                           it in clear
 * @param rssiDbm            the signal strength of the last SND_IR
 * @param firstSeen          the first SND_IR
 * @param lastSeen           the last SND_IR
 * @param requests           how many SND_IR were heard
 */
public record InstallationCandidate(ShortId shortId, Optional<String> equipmentIdDigits, int rssiDbm, Instant firstSeen,
        Instant lastSeen, long requests) {

    /** P2 §8.1: the display shows "at least the last 7 digits of the meter number". */
    public static final int DISPLAY_DIGITS = 7;

    /**
     * What the installer's display shows: the last 7 digits of the equipment identifier when known, else of the
     * identification number (P2 §6.4.1: the meter number ends in the identification number).
     */
    public String display() {
        String digits = equipmentIdDigits.filter(d -> d.length() >= DISPLAY_DIGITS).orElse(shortId.identificationNumber());
        return digits.substring(Math.max(0, digits.length() - DISPLAY_DIGITS));
    }

    public ManufacturerCode manufacturer() {
        return shortId.manufacturer();
    }

    public DeviceType deviceType() {
        return shortId.deviceType();
    }
}
