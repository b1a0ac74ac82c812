package org.p2gate.mbus.transport;

import org.p2gate.mbus.wire.Hex;
import java.util.Objects;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Departure;
import org.p2gate.mbus.Departures;
import org.p2gate.mbus.Reason;

/**
 * The layers between the link layer and the application data of one message, decoded from the
 * bytes that start at the (first) CI-field: an optional extended link layer (CI 8Ch/8Eh), an
 * optional authentication and fragmentation layer (CI 90h), then the CI of the transport /
 * application layer and its header (none, short or long), then the application data.
 *
 * <p>The application data may still be encrypted: its security mode and number of encrypted blocks
 * are in the header's {@link ConfigurationWord}. Decryption belongs to another package.
 *
 * <p>Two cases have no CI after the lower layers: an ELL with nothing after it (OMS Annex N N.3.4,
 * a REQ-UD2 for the next fragment), and an AFL of a later fragment, whose data continues the message
 * (N.3.4, N.3.5). Then {@link #ci()} and {@link #header()} are empty and the data is what follows.
 */
public final class TransportLayer {

    private static final Optional<CiField>[] CI_OPTIONALS = ciOptionals();

    // absent layers are null here only; the accessors give Optionals
    private final ExtendedLinkLayer ell;
    private final AuthenticationFragmentationLayer afl;
    private final CiField ci;
    private final TransportHeader header;
    private final int dataOffset;
    private final int dataLength;

    public TransportLayer(Optional<ExtendedLinkLayer> ell, Optional<AuthenticationFragmentationLayer> afl,
            Optional<CiField> ci, Optional<TransportHeader> header, int dataOffset, int dataLength) {
        this(orNull(ell, "ell"), orNull(afl, "afl"), orNull(ci, "ci"), orNull(header, "header"), dataOffset, dataLength);
    }

    private static <T> T orNull(Optional<T> layer, String name) {
        if (layer == null) {
            throw new IllegalArgumentException("absent layers are Optional.empty(), not null: " + name);
        }
        return layer.orElse(null);
    }

    /** The checks of the public constructor, on nullable layers (the decoder's path: no Optional made). */
    private TransportLayer(ExtendedLinkLayer ell, AuthenticationFragmentationLayer afl, CiField ci,
            TransportHeader header, int dataOffset, int dataLength) {
        int expected = layersLength(ell, afl, ci, header);
        if (dataOffset != expected) {
            throw new IllegalArgumentException("the layers take " + expected + " bytes, dataOffset is " + dataOffset);
        }
        if (dataLength < 0) {
            throw new IllegalArgumentException("dataLength must not be negative, got " + dataLength);
        }
        if (ci != null && ci.layer() != CiField.Layer.TRANSPORT) {
            throw new IllegalArgumentException(ci + " is not a transport-layer CI");
        }
        HeaderKind kind = ci != null ? ci.headerKind() : HeaderKind.NONE;
        HeaderKind got = header != null ? header.kind() : HeaderKind.NONE;
        if (got != kind) {
            throw new IllegalArgumentException("CI " + (ci != null ? ci.toString() : "(none)") + " needs header "
                    + kind + ", got " + (header != null ? got.name() : "none"));
        }
        if (ci == null && ell == null && afl == null) {
            throw new IllegalArgumentException("a transport layer has at least one CI");
        }
        if (ci == null && afl != null && afl.startsMessage()) {
            throw new IllegalArgumentException("an unfragmented or first-fragment AFL is followed by a CI");
        }
        if (ci != null && afl != null && !afl.startsMessage()) {
            throw new IllegalArgumentException("a later fragment's AFL is followed by data, not a CI");
        }
        this.ell = ell;
        this.afl = afl;
        this.ci = ci;
        this.header = header;
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
    }

    private static int layersLength(ExtendedLinkLayer ell, AuthenticationFragmentationLayer afl, CiField ci,
            TransportHeader header) {
        return (ell != null ? ell.length() : 0) + (afl != null ? afl.length() : 0) + (ci != null ? 1 : 0)
                + (header != null ? header.length() : 0);
    }

    @SuppressWarnings("unchecked")
    private static Optional<CiField>[] ciOptionals() {
        Optional<CiField>[] all = new Optional[256];
        for (int code = 0; code < all.length; code++) {
            all[code] = Optional.of(CiField.of(code));
        }
        return all;
    }

    /** The extended link layer. */
    public Optional<ExtendedLinkLayer> ell() {
        return Optional.ofNullable(ell);
    }

    /** The authentication and fragmentation layer. */
    public Optional<AuthenticationFragmentationLayer> afl() {
        return Optional.ofNullable(afl);
    }

    /** The CI-field of the transport / application layer. */
    public Optional<CiField> ci() {
        return ci != null ? CI_OPTIONALS[ci.code()] : Optional.empty();
    }

    /** Its header; empty when the CI has none. */
    public Optional<TransportHeader> header() {
        return Optional.ofNullable(header);
    }

    /** Where the application data starts, counted from the first CI byte. */
    public int dataOffset() {
        return dataOffset;
    }

    /** How many bytes of application data there are. */
    public int dataLength() {
        return dataLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportLayer t && Objects.equals(ell, t.ell) && Objects.equals(afl, t.afl)
                && Objects.equals(ci, t.ci) && Objects.equals(header, t.header) && dataOffset == t.dataOffset
                && dataLength == t.dataLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ell, afl, ci, header, dataOffset, dataLength);
    }

    @Override
    public String toString() {
        return "TransportLayer[ell=" + ell() + ", afl=" + afl() + ", ci=" + ci() + ", header=" + header()
                + ", dataOffset=" + dataOffset + ", dataLength=" + dataLength + "]";
    }

    /** The layers above the link layer, built for encoding; the data offset is computed. */
    public static TransportLayer of(Optional<ExtendedLinkLayer> ell, Optional<AuthenticationFragmentationLayer> afl,
            Optional<CiField> ci, Optional<TransportHeader> header, int dataLength) {
        int offset = ell.map(ExtendedLinkLayer::length).orElse(0) + afl.map(AuthenticationFragmentationLayer::length).orElse(0)
                + (ci.isPresent() ? 1 : 0) + header.map(TransportHeader::length).orElse(0);
        return new TransportLayer(ell, afl, ci, header, offset, dataLength);
    }

    /** A plain transport layer: a CI and its header (if it has one), no ELL, no AFL. */
    public static TransportLayer of(CiField ci, Optional<TransportHeader> header, int dataLength) {
        return of(Optional.empty(), Optional.empty(), Optional.of(ci), header, dataLength);
    }

    /** Decodes all of {@code bytes}, which start at the first CI-field. */
    public static TransportLayer decode(byte[] bytes) throws DecodeException {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes the {@code length} bytes at {@code offset}, which start at the first CI-field. Offsets
     * in the result and in a {@link DecodeException} count from {@code offset}.
     */
    public static TransportLayer decode(byte[] bytes, int offset, int length) throws DecodeException {
        return decode(bytes, offset, length, Departures.strict());
    }

    /**
     * As {@link #decode(byte[], int, int)}; a lenient {@code departures} reads a reserved security mode
     * (16..31, e.g. the EN 1434-3 "signature" FFFFh) as unencrypted and records that, at the CW's offset.
     */
    public static TransportLayer decode(byte[] bytes, int offset, int length, Departures departures)
            throws DecodeException {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is outside the " + bytes.length + " bytes");
        }
        try {
            return decodeAbsolute(bytes, offset, offset + length, departures);
        } catch (DecodeException e) {
            throw offset == 0 ? e : e.shifted(-offset);
        }
    }

    private static TransportLayer decodeAbsolute(byte[] bytes, int start, int end, Departures departures)
            throws DecodeException {
        int at = start;
        if (at >= end) {
            throw new DecodeException(Reason.TRUNCATED, end, "no CI-field: the message ends after the link layer");
        }
        ExtendedLinkLayer ell = null;
        AuthenticationFragmentationLayer afl = null;
        CiField ci = CiField.of(bytes[at] & 0xFF);
        if (ci.layer() == CiField.Layer.EXTENDED_LINK) {
            ell = ExtendedLinkLayer.decode(bytes, at, end);
            at += ell.length();
            if (at == end) {
                // OMS Annex N N.3.4: a request with an ELL and nothing else
                return new TransportLayer(ell, afl, null, null, at - start, 0);
            }
            ci = CiField.of(bytes[at] & 0xFF);
        }
        if (ci.layer() == CiField.Layer.AUTHENTICATION_FRAGMENTATION) {
            afl = AuthenticationFragmentationLayer.decode(bytes, at, end);
            at += afl.length();
            if (!afl.startsMessage()) {
                // EN 13757-7 §6: a later fragment carries the continuation of the message, no TPL
                return new TransportLayer(ell, afl, null, null, at - start, end - at);
            }
            if (at == end) {
                throw new DecodeException(Reason.TRUNCATED, end, "the AFL must be followed by a transport-layer CI");
            }
            ci = CiField.of(bytes[at] & 0xFF);
        }
        switch (ci.layer()) {
            case TRANSPORT:
                break;
            case UNKNOWN:
                throw new DecodeException(Reason.UNKNOWN_CI, at, "unknown CI-field " + Hex.byteHex(ci.code()) + "h");
            default:
                throw new DecodeException(Reason.BAD_HEADER, at, ci + " is not allowed here: "
                        + (ci.layer() == CiField.Layer.EXTENDED_LINK ? "an ELL comes first" : "only one AFL, after the ELL"));
        }
        int ciAt = at;
        at += 1;
        TransportHeader header;
        switch (ci.headerKind()) {
            case SHORT:
                header = ShortHeader.decode(bytes, at, end);
                break;
            case LONG:
                header = LongHeader.decode(bytes, at, end);
                break;
            default:
                header = null;
        }
        if (header != null) {
            at += header.length();
            ConfigurationWord cw = header.configuration();
            int cwAt = ciAt + 1 + (ci.headerKind() == HeaderKind.LONG ? ShortId.LENGTH : 0) + 2;
            if (cw.mode() >= ConfigurationWord.FIRST_RESERVED_MODE && departures.isLenient()) {
                // EN 13757-7 §7.6.1: modes 16..31 are reserved; older EN 1434-3 meters send a "signature" here
                departures.add(new Departure(Departure.Kind.RESERVED_SECURITY_MODE, cwAt - start, cw
                        + " holds a reserved security mode (an EN 1434-3 signature): the data is read as unencrypted"));
            } else if (cw.isEncrypted() && cw.encryptedLength() > end - at) {
                // P2 §5.1: the encrypted part is 16 × NNNN bytes; it must be there
                throw new DecodeException(Reason.BAD_LENGTH, cwAt, cw + " announces " + cw.encryptedLength()
                        + " encrypted bytes, only " + (end - at) + " follow the header");
            }
        }
        return new TransportLayer(ell, afl, ci, header, at - start, end - at);
    }

    /** The security mode and encrypted-block count, from the header; empty without a header. */
    public Optional<ConfigurationWord> configuration() {
        return header != null ? Optional.of(header.configuration()) : Optional.empty();
    }

    /** The bytes from the first CI to the start of the application data. */
    public byte[] encodeHeaders() {
        byte[] bytes = new byte[dataOffset];
        writeHeaders(bytes, 0);
        return bytes;
    }

    /** The whole message from the first CI on: the layers, then {@code applicationData} ({@link #dataLength()} bytes). */
    public byte[] encode(byte[] applicationData) {
        if (applicationData.length != dataLength) {
            throw new IllegalArgumentException("dataLength is " + dataLength + ", got " + applicationData.length + " bytes");
        }
        byte[] bytes = new byte[dataOffset + dataLength];
        writeHeaders(bytes, 0);
        System.arraycopy(applicationData, 0, bytes, dataOffset, dataLength);
        return bytes;
    }

    private void writeHeaders(byte[] bytes, int offset) {
        int at = offset;
        if (ell != null) {
            ell.write(bytes, at);
            at += ell.length();
        }
        if (afl != null) {
            afl.write(bytes, at);
            at += afl.length();
        }
        if (ci != null) {
            bytes[at++] = (byte) ci.code();
        }
        if (header != null) {
            header.write(bytes, at);
        }
    }
}
