package org.p2gate.installation;

/** What moves the E-meter's installation mode (P2 4.2.2 §8.1, §8.3.1, §8.4.2.2). */
public enum ModeEvent {
    /** P2 §8.1: "Removal of the M-Bus cover at the E-meter" (operator: installation start). */
    COVER_REMOVED,
    /** P2 §8.1: "a power-up of the E-meter"; a trigger only with discover_on_power_on. */
    POWER_UP,
    /** P2 §8.1: "When the M-Bus cover at the E-meter is replaced, the E-meter exits Installation mode" (operator: stop). */
    COVER_REPLACED,
    /** P2 §8.3.1: "terminated if four devices are registered". */
    FOUR_REGISTERED,
    /** P2 §8.3.1: "or 1 hour after the scan was triggered". */
    HOUR_ELAPSED,
    /** P2 §8.1, §8.4.2.2 step 5: the installer selects a listed wireless device with the button. */
    SELECT
}
