package org.p2gate.simulator.wireless;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.ClockSynchronisation;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.wireless.FrameAdmission;
import org.p2gate.mbus.wireless.WirelessCommand;
import org.p2gate.mbus.wireless.WirelessMessage;

/**
 * What the master will do around the link, for one meter, reduced to the rules the tests need: validate mode-15
 * frames (fillers through the decoder, frame counter above the last validated one, P2 §5.2), try a pending user
 * key, and build commands with the next frame counter.
 */
final class MasterStandIn implements FrameAdmission {

    final AesKey defaultKey;
    AesKey userKey = AesKey.ZERO;
    Optional<AesKey> pendingKey = Optional.empty();
    long lastFrameCounter = -1;
    final List<Message> accepted = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    MasterStandIn(AesKey defaultKey) {
        this.defaultKey = defaultKey;
    }

    @Override
    public Verdict check(WirelessMessage message) {
        byte[] bytes = message.frame().encodeWithoutCrcs();
        if (message.configuration().mode() == ConfigurationWord.MODE_NONE) {
            if (message.kind() == org.p2gate.mbus.dsmr.MessageKind.ACK) {
                return Verdict.ACCEPT; // P2 §4.4.3: "No application data, no encryption"
            }
            if (!userKey.isZero()) {
                return reject("unencrypted while a user key is set");
            }
            return decode(bytes, AesKey.ZERO).map(m -> accept(m)).orElseGet(() -> reject("malformed"));
        }
        List<AesKey> keys = new ArrayList<>();
        if (!userKey.isZero()) {
            keys.add(userKey);
        }
        pendingKey.ifPresent(keys::add);
        for (AesKey key : keys) {
            Optional<Message> m = decode(bytes, key);
            if (m.isPresent()) {
                long fc = m.get().security().counter().orElseThrow();
                if (fc <= lastFrameCounter) {
                    return reject("frame counter " + fc + " not above " + lastFrameCounter);
                }
                if (!key.equals(userKey)) {
                    userKey = key; // the meter took the pending key
                    pendingKey = Optional.empty();
                }
                lastFrameCounter = fc;
                return accept(m.get());
            }
        }
        return reject("does not decrypt with any key");
    }

    private Verdict accept(Message m) {
        accepted.add(m);
        return Verdict.ACCEPT;
    }

    private Verdict reject(String why) {
        rejected.add(why);
        return Verdict.reject(why);
    }

    private static Optional<Message> decode(byte[] bytes, AesKey key) {
        try {
            return Optional.of(new MessageDecoder(KeyLookup.always(key)).decodeWireless(bytes, 0, bytes.length, Optional.empty()));
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }

    /** P2 §6.5.1 / §4.4.6: SND_UD CI 5Bh, CW 0000h, the new key wrapped with the default key. */
    WirelessCommand keyTransfer(AesKey newKey) {
        pendingKey = Optional.of(newKey);
        byte[] data = DataRecords.encode(DsmrRecords.keyTransfer(KeyWrap.wrap(defaultKey, newKey)));
        return new WirelessCommand("key transfer", WirelessCommand.Request.CONTROL,
                (target, acc, attempt) -> new WirelessCommand.Encoded(ConfigurationWord.NONE, data));
    }

    /** P2 §4.4.4 / §6.2.1: SND_UD CI 6Ch, mode 15 with the next frame counter. */
    WirelessCommand clockSynchronisation(LocalDateTime utc) {
        return new WirelessCommand("clock synchronisation", WirelessCommand.Request.CLOCK_SYNCHRONISATION, (target, acc, attempt) -> {
            // P2 §5.2 note: encrypted before the meter's message that releases it, which takes the validated counter
            // + 1: the command predicts + 2
            long fc = lastFrameCounter + 2;
            byte[] plain = new ClockSynchronisation(utc).encode();
            byte[] encrypted = Mode15Cipher.encrypt(userKey, target, fc, Arrays.copyOfRange(plain, 2, 12));
            byte[] counter = DsmrRecords.frameCounter(fc).toBytes();
            byte[] data = Arrays.copyOf(encrypted, encrypted.length + counter.length);
            System.arraycopy(counter, 0, data, encrypted.length, counter.length);
            return new WirelessCommand.Encoded(ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, encrypted.length / 16), data);
        });
    }
}
