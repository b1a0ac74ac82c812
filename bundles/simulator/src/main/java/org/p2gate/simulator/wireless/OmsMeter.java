package org.p2gate.simulator.wireless;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataInformationBlock;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode5Cipher;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.ShortHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;
import org.p2gate.simulator.wired.Register;

/**
 * A unidirectional OMS water meter on the same air (like the aquastream W8 and ADDRA meters of the seeds,
 * C1/T1): SND_NR C 44h CI 7Ah with a short header every interval (with jitter), its volume in litres (VIF 13h),
 * encrypted in OMS security mode 5 (AES-CBC, IV = M A + 8 × ACC) or in clear (mode 0). B = A = 0 in its
 * configuration word: it never listens, and the E-meter must never bind or answer it.
 */
public final class OmsMeter {

    private final Scheduler scheduler;
    private final RadioMedium.Station station;
    private final ShortId id;
    private final Optional<AesKey> key;
    private final Register litres;
    private final Duration interval;
    private final SplittableRandom random;
    private int accessNumber;
    private long sent;
    private Scheduler.Scheduled next;

    /**
     * @param key      the mode-5 key, or empty for mode 0
     * @param interval the nominal transmission interval (jitter ±10 %)
     */
    public OmsMeter(RadioMedium medium, Scheduler scheduler, ShortId id, Optional<AesKey> key, Register litres,
            Duration interval, long seed) {
        this.scheduler = scheduler;
        this.id = id;
        this.key = key;
        this.litres = litres;
        this.interval = interval;
        this.random = new SplittableRandom(seed);
        this.accessNumber = random.nextInt(256);
        this.station = medium.attach("OMS meter " + id, RadioMedium.Role.METER, (f, r, s, e) -> { });
    }

    public void start() {
        next = scheduler.schedule(jitter(), this::send);
    }

    public void stop() {
        if (next != null) {
            next.cancel();
        }
    }

    public ShortId shortId() {
        return id;
    }

    public RadioMedium.Station station() {
        return station;
    }

    public long sent() {
        return sent;
    }

    private Duration jitter() {
        long ms = interval.toMillis();
        return Duration.ofMillis(ms - ms / 10 + random.nextLong(Math.max(1, ms / 5)));
    }

    private void send() {
        accessNumber = (accessNumber + 1) & 0xFF;
        Instant now = scheduler.now();
        DataRecord volume = DataRecord.of(DataInformationBlock.of(DataField.INT32), ValueInformationBlock.of(0x13),
                RecordValue.Numeric.of(litres.countsAt(now), 0));
        byte[] records = DataRecords.encode(List.of(volume));
        byte[] data;
        ConfigurationWord cw;
        if (key.isPresent()) {
            data = Mode5Cipher.encrypt(key.get(), id, accessNumber, records, 0, records.length);
            cw = ConfigurationWord.of(ConfigurationWord.MODE_AES_CBC_IV, data.length / 16);
        } else {
            data = records;
            cw = ConfigurationWord.NONE;
        }
        byte[] linkData = TransportLayer.of(CiField.RESPONSE_SHORT, Optional.of(ShortHeader.of(accessNumber, StatusByte.OK, cw)),
                data.length).encode(data);
        station.transmit(new WirelessFrame(LinkFunction.SND_NR.cField(), id, linkData).encodeWithoutCrcs(), now);
        sent++;
        next = scheduler.schedule(jitter(), this::send);
    }
}
