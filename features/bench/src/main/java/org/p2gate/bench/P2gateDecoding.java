package org.p2gate.bench;

import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.WirelessFrameFormat;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.security.AesKey;

/** One benchmark operation for p2gate: frame, transport layer, decryption and all records of one frame. */
public final class P2gateDecoding {

    private static final Optional<WirelessFrameFormat> FORMAT_A = Optional.of(WirelessFrameFormat.A);

    private final MessageDecoder decoder;
    private final byte[] frame;
    private final boolean wireless;

    public P2gateDecoding(BenchFrame benchFrame) {
        String key = benchFrame.keyHex();
        this.decoder = new MessageDecoder(key.isEmpty() ? KeyLookup.NONE : KeyLookup.always(AesKey.fromHex(key)));
        this.frame = benchFrame.p2gateFrame();
        this.wireless = benchFrame.wireless();
    }

    /** Decodes the frame: the message with its decrypted, typed records. */
    public Message decode() throws DecodeException {
        return wireless
                ? decoder.decodeWireless(frame, 0, frame.length, FORMAT_A)
                : decoder.decodeWired(frame, 0, frame.length);
    }

    /** Bytes of the input frame. */
    public int frameLength() {
        return frame.length;
    }
}
