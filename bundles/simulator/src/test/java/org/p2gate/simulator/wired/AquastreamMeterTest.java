package org.p2gate.simulator.wired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2gate.simulator.wired.MasterRequests.hex;
import static org.p2gate.simulator.wired.MasterRequests.onTheWire;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataInformationBlock;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.WiredTransport;

/** The aquastream® water meter module against specs/000_… chapter 2. */
class AquastreamMeterTest {

    static final Instant NOW = Instant.parse("2024-03-01T10:15:30Z");

    static AquastreamMeter meter() {
        return new AquastreamMeter(12345678, 87654321, Register.constant(123_456), Register.constant(10));
    }

    static Optional<byte[]> send(AquastreamMeter m, byte[] request) {
        return m.answer(onTheWire(request), NOW);
    }

    static Message decode(byte[] answer) {
        try {
            return new MessageDecoder(KeyLookup.NONE).decode(answer);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    static LongHeader header(Message m) {
        return (LongHeader) m.transport().orElseThrow().header().orElseThrow();
    }

    static boolean isE5(Optional<byte[]> a) {
        return a.isPresent() && Arrays.equals(a.get(), new byte[] {(byte) 0xE5});
    }

    static byte[] configure(int address, DataRecord record) {
        return MasterRequests.sndUdUnencrypted(address, List.of(record));
    }

    @Test
    void rspUdHasTheIntegraHeaderAndTheRecordTableOf252() {
        Message m = decode(send(meter(), MasterRequests.reqUd2(0)).orElseThrow());
        LongHeader h = header(m);
        assertEquals(0xB425, h.deviceId().manufacturer().code());
        assertEquals(0x05, h.deviceId().version());
        assertEquals(0x07, h.deviceId().deviceType().code()); // note 2a: on a PMK meter
        assertEquals("87654321", h.deviceId().identificationNumber()); // note 1b: the meter's production number
        assertEquals(0, h.status().value());
        assertEquals(0, h.configuration().value()); // "signature" 0000h
        List<String> heads = new ArrayList<>();
        for (DataRecord r : m.records()) {
            String bytes = hex(r.toBytes());
            heads.add(bytes.substring(0, 2 * (r.dataInformation().length() + r.valueInformation().length())));
        }
        assertEquals(List.of("0413", "841013", "043B", "143B", "046D", "0C78", "8C4078", "01FD0E", "01FD0D", "02FD17", "02FD74"),
                heads);
        assertEquals(0, new BigDecimal("123.456").compareTo(m.records().get(0).number().orElseThrow()));
        assertEquals(1, m.records().get(1).dataInformation().tariff()); // reverse volume: DIFE 10h
        assertEquals(new RecordValue.DateTime(LocalDateTime.parse("2024-03-01T10:15:00"), false), m.records().get(4).value());
    }

    @Test
    void withoutAWaterMeterTheModuleNumberAndBusComponentTypeAreSent() {
        AquastreamMeter module = new AquastreamMeter(12345678, 0, Register.constant(0), Register.constant(0));
        LongHeader h = header(decode(send(module, MasterRequests.reqUd2(0)).orElseThrow()));
        assertEquals("12345678", h.deviceId().identificationNumber());
        assertEquals(0x0E, h.deviceId().deviceType().code());
    }

    @Test
    void pointToPointAnswersWhateverThePrimaryAddress() {
        AquastreamMeter m = meter();
        assertTrue(isE5(send(m, configure(0, DsmrRecords.setAddress(17)))));
        assertTrue(send(m, MasterRequests.reqUd2(0)).isEmpty());
        assertTrue(send(m, MasterRequests.reqUd2(254)).isPresent());
        assertTrue(send(m, MasterRequests.reqUd2(17)).isPresent());
    }

    @Test
    void broadcastIsExecutedWithoutAnswer() {
        AquastreamMeter m = meter();
        assertTrue(send(m, configure(255, DsmrRecords.setAddress(33))).isEmpty());
        assertEquals(33, m.primaryAddress());
        assertTrue(send(m, MasterRequests.reqUd2(255)).isEmpty());
    }

    @Test
    void slaveSelectWithWildcardsThenReqUd2AtAddress253() {
        AquastreamMeter m = meter();
        // IDENT FFFFF321 (…321 of 87654321), MAN FFFFh, DEV FFh, MED 07h
        byte[] select = MasterRequests.longFrame(0x73, 253, 0x52, MasterRequests.hex("21F3FFFF FFFF FF 07"));
        assertTrue(isE5(send(m, select)));
        assertTrue(m.isSelected());
        byte[] answer = send(m, MasterRequests.reqUd2(253)).orElseThrow();
        assertEquals("87654321", header(decode(answer)).deviceId().identificationNumber());
        assertTrue(isE5(send(m, MasterRequests.sndNke(253))));
        assertFalse(m.isSelected()); // §2.4.4: SND_NKE deselects
        assertTrue(send(m, MasterRequests.reqUd2(253)).isEmpty());
    }

    @Test
    void aSelectThatDoesNotMatchDeselectsWithoutAnswer() {
        AquastreamMeter m = meter();
        send(m, MasterRequests.longFrame(0x53, 253, 0x52, MasterRequests.hex("FFFFFFFF 25B4 05 07")));
        assertTrue(m.isSelected());
        assertTrue(send(m, MasterRequests.longFrame(0x53, 253, 0x52, MasterRequests.hex("FFFFFFFF 25B4 05 06"))).isEmpty());
        assertFalse(m.isSelected());
    }

    @Test
    void configurationTelegramsSetOneParameterEachAndAreAcknowledged() {
        AquastreamMeter m = meter();
        DataRecord secondary = DataRecord.of(DataInformationBlock.of(DataField.BCD8), ValueInformationBlock.of(0x79),
                RecordValue.Numeric.of(11223344, 0));
        assertTrue(isE5(send(m, configure(0, secondary))));
        DataRecord text = DataRecord.of(DataInformationBlock.of(DataField.VARIABLE_LENGTH), ValueInformationBlock.of(0xFD, 0x11),
                new RecordValue.Text("Kelder 2"));
        assertTrue(isE5(send(m, configure(0, text))));
        DataRecord time = DataRecord.of(DataInformationBlock.of(DataField.INT32), ValueInformationBlock.of(0x6D),
                new RecordValue.DateTime(LocalDateTime.parse("2024-03-01T12:00:00"), false));
        assertTrue(isE5(send(m, configure(0, time))));
        assertTrue(send(m, MasterRequests.sndUdUnencrypted(0, List.of(secondary, text))).isEmpty(), "one parameter per telegram");
        Message r = decode(send(m, MasterRequests.reqUd2(0)).orElseThrow());
        assertEquals("11223344", header(r).deviceId().identificationNumber()); // note 1a: the secondary address first
        assertTrue(r.records().contains(text));
        assertEquals(new RecordValue.DateTime(LocalDateTime.parse("2024-03-01T12:00:00"), false), r.records().get(4).value());
    }

    @Test
    void applicationResetAndStandardTelegramSelectionAreAcknowledged() {
        AquastreamMeter m = meter();
        assertTrue(isE5(send(m, MasterRequests.longFrame(0x53, 0, 0x50, new byte[0]))));
        assertTrue(isE5(send(m, configure(0, DsmrRecords.readoutSelection(ValueInformationBlock.of(0x7E))))));
    }

    @Test
    void errorFlagsAppearInTheStatusFieldAndTheInfoStatusRecord() {
        AquastreamMeter m = meter();
        m.raiseErrorFlags(AquastreamMeter.LEAKAGE | AquastreamMeter.LOW_BATTERY);
        Message r = decode(send(m, MasterRequests.reqUd2(0)).orElseThrow());
        assertEquals(0x24, header(r).status().value());
        assertEquals("02FD172400", hex(r.records().get(9).toBytes()));
    }

    @Test
    void baudChangeIsAcknowledgedAtTheOldRateThenTheMeterIsDeafAt2400() throws IOException {
        VirtualScheduler scheduler = new VirtualScheduler(NOW);
        InMemoryTransport[] pair = InMemoryTransport.pair(scheduler);
        List<Integer> got = new ArrayList<>();
        pair[0].open(new WiredTransport.Receiver() {
            @Override
            public void received(byte[] bytes, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    got.add(bytes[offset + i] & 0xFF);
                }
            }

            @Override
            public void failed(IOException cause) {}
        });
        SimulatedBusSegment segment = SimulatedBusSegment.dsmr(scheduler, pair[1]);
        AquastreamMeter m = meter();
        segment.attach(m);
        pair[0].send(MasterRequests.longFrame(0x53, 0, 0xBD, new byte[0]));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of(0xE5), got);
        assertEquals(9600, m.baud());
        pair[0].send(MasterRequests.reqUd2(0));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of(0xE5), got, "at 9600 Bd it no longer hears a 2400 Bd segment");
    }
}
