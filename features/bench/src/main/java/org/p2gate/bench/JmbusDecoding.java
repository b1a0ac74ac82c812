package org.p2gate.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HexFormat;
import java.util.Map;
import org.openmuc.jmbus.DecodingException;
import org.openmuc.jmbus.MBusMessage;
import org.openmuc.jmbus.SecondaryAddress;
import org.openmuc.jmbus.VariableDataStructure;
import org.openmuc.jmbus.wireless.WMBusMessage;

/**
 * One benchmark operation for jMBus 3.3.0, as its own receive paths do it: wired
 * {@code MBusMessage.decode(bytes, length)}, wireless {@code WMBusMessage.decode(bytes, rssi, keys)}
 * (the method its radio drivers call; package-private, so it is reached through a method handle,
 * which the JIT inlines like a direct call), then {@code VariableDataStructure.decode()}, which
 * decrypts and parses every record.
 */
public final class JmbusDecoding {

    private static final MethodHandle WMBUS_DECODE = wmbusDecode();
    /** The RSSI a radio driver hands over; a constant, boxed once. */
    private static final Integer RSSI = -60;

    private final byte[] frame;
    private final boolean wireless;
    private final Map<SecondaryAddress, byte[]> keys;

    public JmbusDecoding(BenchFrame benchFrame) {
        this.frame = benchFrame.jmbusFrame();
        this.wireless = benchFrame.wireless();
        String key = benchFrame.keyHex();
        if (wireless && !key.isEmpty()) {
            // jMBus looks the key up by the link-layer address (M, A) of the frame
            this.keys = Map.of(SecondaryAddress.newFromWMBusHeader(frame, 2), HexFormat.of().parseHex(key));
        } else {
            // wired: MBusMessage takes no keys; jMBus's wired inputs are in clear (see BenchFrame)
            this.keys = Map.of();
        }
    }

    /** Decodes the frame: jMBus's data structure with its decrypted, parsed records. */
    public VariableDataStructure decode() throws DecodingException, java.io.IOException {
        VariableDataStructure data = wireless
                ? wmbus(frame, keys).getVariableDataResponse()
                : MBusMessage.decode(frame, frame.length).getVariableDataResponse();
        data.decode();
        return data;
    }

    private static WMBusMessage wmbus(byte[] frame, Map<SecondaryAddress, byte[]> keys) throws DecodingException {
        try {
            return (WMBusMessage) WMBUS_DECODE.invokeExact(frame, RSSI, keys);
        } catch (DecodingException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle wmbusDecode() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(WMBusMessage.class, MethodHandles.lookup());
            return lookup.findStatic(WMBusMessage.class, "decode",
                    MethodType.methodType(WMBusMessage.class, byte[].class, Integer.class, Map.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jMBus 3.3.0 WMBusMessage.decode(byte[], Integer, Map) not found", e);
        }
    }
}
