package org.p2gate.mbus.message;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.VariableDataBlock;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * A decoded M-Bus message.
 *
 * @param link      the frame it came in
 * @param transport the transport layer (ELL, AFL, CI, header), empty for frames without a CI
 * @param device    the Short ID of the meter it concerns: the long header's, else the wireless sender's
 * @param security  what decryption did
 * @param applicationData the application data after the header, decrypted (for any CI; e.g. the clock of a CI 6Ch
 *                  message, an alarm, a compact frame)
 * @param data      the data records, for a CI whose application data is a variable data block (51h, 5Ah, 5Bh,
 *                  72h, 78h, 7Ah): decrypted records, then those sent in clear after them; empty otherwise
 * @param applicationError the error code of an application-error telegram (CI 70h, EN 13757-3 §… "application
 *                  errors": 0 unspecified, 1 unimplemented CI, 2 buffer too long, 3 too many records, 4 premature end
 *                  of record, 5 more than 10 DIFEs, 6 more than 10 VIFEs, …); such a telegram has no records
 */
public record Message(Link link, Optional<TransportLayer> transport, Optional<ShortId> device, Security security,
        byte[] applicationData, VariableDataBlock data, OptionalInt applicationError) {

    public Message {
        applicationData = applicationData.clone();
    }

    @Override
    public byte[] applicationData() {
        return applicationData.clone();
    }

    public List<DataRecord> records() {
        return data.records();
    }
}
