package org.p2gate.mbus.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.p2gate.mbus.Departure;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.FixedDataStructure;
import org.p2gate.mbus.record.VariableDataBlock;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * A decoded M-Bus message. Immutable: made only by {@link MessageDecoder}, which hands it arrays
 * nobody else holds; accessors return copies.
 */
public final class Message {

    private final Link link;
    /** Absent: null here only (the accessors give Optionals), so decoding makes no Optional. */
    private final TransportLayer transport;
    private final ShortId device;
    private final Security security;
    private final byte[] applicationData;
    private final VariableDataBlock data;
    private final OptionalInt applicationError;
    private final Optional<FixedDataStructure> fixedData;
    private final List<Departure> departures;

    /** @param applicationData owned by the new message from now on (not copied) */
    Message(Link link, Optional<TransportLayer> transport, Optional<ShortId> device, Security security,
            byte[] applicationData, VariableDataBlock data, OptionalInt applicationError) {
        this(link, transport, device, security, applicationData, data, applicationError, Optional.empty(), List.of());
    }

    Message(Link link, Optional<TransportLayer> transport, Optional<ShortId> device, Security security,
            byte[] applicationData, VariableDataBlock data, OptionalInt applicationError,
            Optional<FixedDataStructure> fixedData, List<Departure> departures) {
        this(link, transport.orElse(null), device.orElse(null), security, applicationData, data, applicationError,
                fixedData, departures);
    }

    /** @param transport null when the frame has no CI; @param device null when not known */
    Message(Link link, TransportLayer transport, ShortId device, Security security, byte[] applicationData,
            VariableDataBlock data, OptionalInt applicationError, Optional<FixedDataStructure> fixedData,
            List<Departure> departures) {
        this.fixedData = Objects.requireNonNull(fixedData);
        this.departures = List.copyOf(departures);
        this.link = Objects.requireNonNull(link);
        this.transport = transport;
        this.device = device;
        this.security = Objects.requireNonNull(security);
        this.applicationData = Objects.requireNonNull(applicationData);
        this.data = Objects.requireNonNull(data);
        this.applicationError = Objects.requireNonNull(applicationError);
    }

    /** The frame it came in. */
    public Link link() {
        return link;
    }

    /** The transport layer (ELL, AFL, CI, header); empty for frames without a CI. */
    public Optional<TransportLayer> transport() {
        return Optional.ofNullable(transport);
    }

    /** The Short ID of the meter it concerns: the long header's, else the wireless sender's. */
    public Optional<ShortId> device() {
        return Optional.ofNullable(device);
    }

    /** What decryption did. */
    public Security security() {
        return security;
    }

    /**
     * The application data after the header, decrypted, for any CI (e.g. the clock of a CI 6Ch
     * message, an alarm, a compact frame).
     */
    public byte[] applicationData() {
        return applicationData.clone();
    }

    /**
     * The data records, for a CI whose application data is a variable data block (51h, 5Ah, 5Bh,
     * 72h, 78h, 7Ah): decrypted records, then those sent in clear after them; empty otherwise.
     */
    public VariableDataBlock data() {
        return data;
    }

    public List<DataRecord> records() {
        return data.records();
    }

    /**
     * The error code of an application-error telegram (CI 70h, EN 13757-3: 0 unspecified, 1
     * unimplemented CI, 2 buffer too long, 3 too many records, 4 premature end of record, 5 more
     * than 10 DIFEs, 6 more than 10 VIFEs, …); such a telegram has no records.
     */
    public OptionalInt applicationError() {
        return applicationError;
    }

    /** The fixed data structure of a response with CI 73h or 77h (EN 13757-3:2004 §6.2); such a message has no records. */
    public Optional<FixedDataStructure> fixedData() {
        return fixedData;
    }

    /**
     * The departures from the standard a {@linkplain MessageDecoder#lenient lenient} decoder read past, in the
     * order met, offsets as in a {@link org.p2gate.mbus.DecodeException}; always empty from a strict one.
     */
    public List<Departure> departures() {
        return departures;
    }

    /** Whether the message decoded without any tolerated departure. */
    public boolean isConforming() {
        return departures.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && link.equals(m.link) && Objects.equals(transport, m.transport)
                && Objects.equals(device, m.device)
                && security.equals(m.security) && Arrays.equals(applicationData, m.applicationData)
                && data.equals(m.data) && applicationError.equals(m.applicationError)
                && fixedData.equals(m.fixedData) && departures.equals(m.departures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(link, transport, device, security, data, applicationError) * 31 + Arrays.hashCode(applicationData);
    }

    @Override
    public String toString() {
        return "Message[" + link + ", device " + (device != null ? device.toString() : "-") + ", " + security + ", "
                + data + applicationError.stream().mapToObj(e -> ", application error " + e).findFirst().orElse("") + "]";
    }
}
