package org.p2gate.installation;

/**
 * Where a channel stands in the task chain after its binding (P2 4.2.2 §8.1, §8.3.1.1 "Assumptions": "After
 * transferring the keys by the CS, the E-meter shall autonomically set the capture definition, change and get the
 * read-out list and set the clock"). The steps run in this order.
 */
public enum TaskStep {
    /** P2 §8.1: "The User keys need to be transferred before the readout list is changed." */
    KEYS,
    /** REQ_UD2: the device type read fixes the capture definition (class 72 attribute 3, P2 Appendix A). */
    CAPTURE_DEFINITION,
    /** P2 §6.3.1, §6.3.2: readout list changed to the versions and configuration, read, restored with SND_NKE. */
    READOUT_LIST,
    /** P2 §6.2.1: the device's clock set (CI 6Ch). */
    CLOCK,
    /** Every step done. */
    DONE,
    /** The device is encrypted with a key the E-meter does not have, or the head-end sent half of it: the chain
     *  goes on when set_encryption_key and transfer_key have both arrived. */
    WAITING_FOR_KEYS,
    /** A step failed after its retries; slave_install, or the next key transfer, starts the chain again. */
    FAILED
}
