package org.p2gate.master.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.ChannelState;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.dsmr.Medium;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.dsmr.MessageRules;
import org.p2gate.mbus.dsmr.Mode15Plaintext;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.Direction;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportHeader;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * Checks what a device sent against the channel it came for: a wired answer (RSP_UD) or a wireless
 * meter's message (SND_NR, RSP_UD, SND_IR, which the wireless link has checked against Table 6 and §4.2.6
 * already), in this order:
 * <ol>
 * <li>wired: the C/CI pair is an allowed answer (P2 4.2.2 §4.1 Table 5: RSP_UD C 08h CI 72h, FCB ignored)
 *     and it carries a long header (§4.2.1) whose configuration word has only MMMM and NNNN set (§4.2.6);
 *     wireless: it carries a transport header;</li>
 * <li>its Short ID (the long header's, or the wireless sender's, §4.2.2) is the channel's device, once known;</li>
 * <li>the encryption method fits the channel's keys: 0 only while no user key is set, 15 only with
 *     one (§5.1, §6.5: "Once the User key is set unequal to zero, the M-Bus master will only accept
 *     encrypted data");</li>
 * <li>decryption shows the 2F 2F fillers (§5.1, §5.2 rule 3), the decrypted part has the shape of §5.1
 *     ({@link Mode15Plaintext}: records, trailing fillers in the last block), and only the frame counter record
 *     follows the encrypted part in clear (§5.2);</li>
 * <li>a pending user key ({@link ChannelKeys#pendingUserKey()}: transferred, its E5h not seen) is tried
 *     when the user key fails or there is none; an answer that passes every rule with it is accepted
 *     {@linkplain Validation.Accepted#pendingKey() with the pending key} (the device has taken it). An
 *     unencrypted answer while there is no user key is accepted, pending key or not (the device has not
 *     taken it); with a user key, only when the pending key is the all-zero one (§6.5.1: encryption off);</li>
 * <li>the frame counter is higher than the last validated one (§5.2 rule 1).</li>
 * </ol>
 * Stateless: the caller stores the validated counter (§5.2: "the received frame counter is stored
 * as validated frame counter").
 */
public final class ResponseValidator {

    /** The CI of a wired long frame is byte 6: 68 L L 68 C A CI. */
    private static final int CI_OFFSET = LongFrame.DATA_OFFSET - 1;

    public Validation validate(LongFrame frame, ChannelState state, ChannelKeys keys) {
        // P2 §4.1: "all combinations of C and CI codes that are not described in this section shall be rejected"
        try {
            MessageKind kind = MessageRules.classify(Medium.WIRED, Direction.FROM_DEVICE, frame.c().value(), frame.ci());
            if (kind != MessageKind.RSP_UD) {
                return reject(RejectionReason.NOT_ALLOWED, kind + " is not an answer to REQ_UD2");
            }
        } catch (DecodeException e) {
            return reject(RejectionReason.NOT_ALLOWED, e.getMessage());
        }
        byte[] bytes = frame.encode();
        TransportLayer layer;
        try {
            layer = TransportLayer.decode(bytes, CI_OFFSET, 1 + frame.dataLength());
        } catch (DecodeException e) {
            return reject(RejectionReason.MALFORMED, e.getMessage());
        }
        // P2 §4.2.1: CI 72h has the long header, whose address is the Short ID
        if (!(layer.header().orElse(null) instanceof LongHeader header)) {
            return reject(RejectionReason.MALFORMED, "an RSP_UD without the long header (P2 §4.2.1)");
        }
        // P2 §4.2.6: "For wired, all bits except "MMMM" and "NNNN" shall be set to "0" for both the E-meter and the
        // M-Bus device" (the wireless link checks its own rules, ConfigurationWordRules)
        if (header.configuration().otherBits() != 0) {
            return reject(RejectionReason.RESERVED_BITS, header.configuration() + ", other bits "
                    + Integer.toHexString(header.configuration().otherBits()) + "h");
        }
        return validateMessage(bytes, CI_OFFSET, layer, header, header.deviceId(), state, keys,
                lookup -> new MessageDecoder(lookup).decodeWired(bytes, 0, bytes.length));
    }

    /**
     * A wireless meter's SND_NR, RSP_UD or SND_IR (P2 §4.4) that the wireless link passed (Table 6, the
     * configuration word): the same rules from the device on.
     */
    public Validation validate(WirelessFrame frame, ChannelState state, ChannelKeys keys) {
        byte[] bytes = frame.encodeWithoutCrcs();
        int ciOffset = WirelessFrame.LINK_DATA_OFFSET; // L C M A(6): the CI is the first link data byte
        ShortId device = frame.address();
        TransportLayer layer;
        try {
            layer = TransportLayer.decode(bytes, ciOffset, bytes.length - ciOffset);
        } catch (DecodeException e) {
            return reject(RejectionReason.MALFORMED, e.getMessage());
        }
        if (layer.header().isEmpty()) {
            return reject(RejectionReason.MALFORMED, "a wireless message without transport header (P2 §4.2.1)");
        }
        return validateMessage(bytes, ciOffset, layer, layer.header().get(), device, state, keys,
                lookup -> new MessageDecoder(lookup).decodeWireless(bytes, 0, bytes.length, Optional.empty()));
    }

    /** Decodes the message with the keys of a lookup. */
    @FunctionalInterface
    private interface Decoding {
        Message decode(KeyLookup keys) throws DecodeException;
    }

    private static Validation validateMessage(byte[] bytes, int ciOffset, TransportLayer layer, TransportHeader header,
            ShortId device, ChannelState state, ChannelKeys keys, Decoding decoding) {
        if (state.device().isPresent() && !state.device().get().equals(device)) {
            return reject(RejectionReason.WRONG_DEVICE, "sent by " + device + ", the channel's device is "
                    + state.device().get());
        }
        ConfigurationWord cw = header.configuration();
        boolean encrypts = keys.encrypts();
        // a pending user key (P2 §6.5.1: sent, its E5h not seen) that differs from the user key
        Optional<AesKey> pending = keys.pendingUserKey().filter(k -> !keys.userKey().equals(Optional.of(k)));
        boolean withPending = false;
        Message message;
        if (cw.mode() == ConfigurationWord.MODE_NONE) {
            if (encrypts) {
                if (pending.isEmpty() || !pending.get().isZero()) {
                    return reject(RejectionReason.UNENCRYPTED_WITH_USER_KEY, "configuration word " + cw);
                }
                // P2 §6.5.1: "Setting the User Key to 00h … means … all subsequent communication is unencrypted" —
                // the device took the pending all-zero key
                withPending = true;
            }
            // no user key (a pending one or not): P2 §6.5 "Initially … all messages are sent unencrypted"; a device
            // that answers in clear has not taken a pending non-zero key, which stays pending
            try {
                message = decoding.decode(KeyLookup.NONE);
            } catch (DecodeException e) {
                return reject(RejectionReason.MALFORMED, e.reason() + " at " + e.offset() + ": " + e.getMessage());
            }
        } else if (cw.mode() == ConfigurationWord.MODE_DSMR_AES_CBC) {
            // the user key first; then a non-zero pending key, which the device may have taken before a crash or a
            // lost E5h kept the master from committing it as the user key (DESIGN.md "Durability")
            List<AesKey> candidates = new ArrayList<>(2);
            if (encrypts) {
                candidates.add(keys.userKey().orElseThrow());
            }
            pending.filter(k -> !k.isZero()).ifPresent(candidates::add);
            if (candidates.isEmpty()) {
                return reject(RejectionReason.NO_USER_KEY, "mode 15 with " + cw.encryptedBlocks() + " blocks");
            }
            DecodeException first = null;
            message = null;
            for (int i = 0; i < candidates.size() && message == null; i++) {
                try {
                    message = plaintextChecked(decoding.decode(KeyLookup.always(candidates.get(i))), cw);
                    withPending = !encrypts || i > 0;
                } catch (DecodeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (message == null) {
                String tried = pending.isPresent() && !pending.get().isZero()
                        ? (encrypts ? " (with the user key and the pending user key)" : " (with the pending user key)") : "";
                if (first.reason() == Reason.DECRYPTION_FAILED || first.reason() == Reason.BAD_FILLER) {
                    return reject(RejectionReason.DECRYPTION_FAILED, first.getMessage() + tried);
                }
                return reject(RejectionReason.MALFORMED, first.reason() + " at " + first.offset() + ": " + first.getMessage()
                        + tried);
            }
        } else {
            return reject(RejectionReason.UNSUPPORTED_SECURITY, "encryption method " + cw.mode());
        }
        if (cw.mode() == ConfigurationWord.MODE_NONE) {
            return new Validation.Accepted(message, device, header, OptionalLong.empty(), withPending);
        }
        // P2 §5.2: "The data block containing the frame counter is not encrypted and inserted between the
        // (encrypted) filler bytes and CS" — nothing else may ride along in clear
        int clearStart = ciOffset + layer.dataOffset() + cw.encryptedLength();
        int clearLength = layer.dataLength() - cw.encryptedLength();
        try {
            List<DataRecord> clear = DataRecords.decode(bytes, clearStart, clearLength);
            if (clear.size() != 1 || !DsmrRecords.isFrameCounter(clear.get(0))) {
                return reject(RejectionReason.CLEAR_DATA_AFTER_ENCRYPTION, clear.size() + " records in clear");
            }
        } catch (DecodeException e) {
            return reject(RejectionReason.MALFORMED, "the clear part: " + e.getMessage());
        }
        OptionalLong counter = message.security().counter();
        if (counter.isEmpty()) {
            return reject(RejectionReason.MALFORMED, "a mode-15 message without frame counter");
        }
        // P2 §5.2 rule 1: "the received frame counter must be higher than the previously validated frame counter"
        OptionalLong last = state.lastValidatedFrameCounter();
        if (last.isPresent() && Long.compareUnsigned(counter.getAsLong(), last.getAsLong()) <= 0) {
            return reject(RejectionReason.OLD_FRAME_COUNTER, "frame counter " + counter.getAsLong()
                    + ", last validated " + last.getAsLong());
        }
        return new Validation.Accepted(message, device, header, counter, withPending);
    }

    /**
     * P2 §5.1: the decrypted part must have the shape DSMR gives it (2F 2F, data records, trailing fillers), or the
     * decryption failed (wrong key or IV: issue 16), whatever the 2F 2F check said.
     */
    private static Message plaintextChecked(Message message, ConfigurationWord cw) throws DecodeException {
        byte[] plain = Arrays.copyOf(message.applicationData(), cw.encryptedLength());
        try {
            Mode15Plaintext.check(plain);
        } catch (DecodeException e) {
            throw new DecodeException(Reason.DECRYPTION_FAILED, e.offset(), "the decrypted part is not a DSMR "
                    + "plaintext (wrong key or IV?): " + e.getMessage(), e);
        }
        return message;
    }

    private static Validation reject(RejectionReason reason, String detail) {
        return new Validation.Rejected(reason, detail);
    }
}
