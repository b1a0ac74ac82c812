package org.p2gate.master.validation;

import java.util.Objects;
import java.util.OptionalLong;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportHeader;

/** The verdict on one answer of a device: accepted (with the decoded message) or rejected (with the reason). */
public sealed interface Validation {

    /**
     * The message passed every rule and may be used.
     *
     * @param message      the decoded (and decrypted) message
     * @param device       the device that sent it (the long header's Short ID, or the wireless sender's)
     * @param header       its transport header (long for wired answers, short for wireless messages)
     * @param frameCounter the validated frame counter of a mode-15 message; empty for unencrypted data
     * @param pendingKey   whether it validated with the channel's pending user key (not the user key): the
     *                     device has taken that key, and the caller makes it the user key (P2 §6.5.1)
     */
    record Accepted(Message message, ShortId device, TransportHeader header, OptionalLong frameCounter, boolean pendingKey)
            implements Validation {
        public Accepted {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(frameCounter, "frameCounter");
        }
    }

    /**
     * The message must not be used.
     *
     * @param reason the rule it broke
     * @param detail what exactly was seen (never key material)
     */
    record Rejected(RejectionReason reason, String detail) implements Validation {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
