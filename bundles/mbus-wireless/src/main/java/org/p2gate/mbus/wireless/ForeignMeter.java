package org.p2gate.mbus.wireless;

import java.time.Instant;
import java.util.OptionalInt;
import org.p2gate.mbus.transport.ShortId;

/**
 * A sender heard on the air that is not bound to this link and did not ask for installation: an OMS meter
 * (modes 5/7, often unidirectional C1/T1), a neighbour's DSMR meter, or anything else. Listed, never
 * answered (P2 4.2.2 §4.1: "no further processing").
 *
 * @param address       the link-layer address of the sender (MAN ID VER DEV)
 * @param cField        the C-field of its last frame
 * @param ci            the CI-field of its last frame
 * @param securityMode  the security mode of its configuration word, when the transport layer could be read
 * @param rssiDbm       the signal strength of its last frame
 * @param firstSeen     the first frame
 * @param lastSeen      the last frame
 * @param frames        how many frames were heard
 */
public record ForeignMeter(ShortId address, int cField, int ci, OptionalInt securityMode, int rssiDbm, Instant firstSeen,
        Instant lastSeen, long frames) {
}
