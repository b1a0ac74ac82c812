package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Fault;
import org.p2gate.simulator.wired.SimulatedWiredDevice;
import org.slf4j.LoggerFactory;

/** Issue 16: what the wired M-Bus met in the field, on the simulated segment in virtual time. */
class FieldFaultsTest {

    /** The version items of P2 §6.4.2 as readout-list selection records (what readVersions sends, §6.3.1). */
    static List<DataRecord> versionSelection() {
        List<DataRecord> records = new ArrayList<>();
        for (ValueInformationBlock vib : P2Master.VERSION_ITEMS) {
            records.add(DsmrRecords.readoutSelection(vib));
        }
        return records;
    }

    /** A meter that never hears SND_NKE (acknowledges it, keeps its readout list): test helper. */
    private static final class DeafToNke implements SimulatedWiredDevice {
        final DsmrMeter meter;

        DeafToNke(DsmrMeter meter) {
            this.meter = meter;
        }

        @Override
        public int primaryAddress() {
            return meter.primaryAddress();
        }

        @Override
        public Optional<byte[]> answer(WiredFrame request, Instant now) {
            if (request.equals(ShortFrame.of(LinkFunction.SND_NKE, primaryAddress()))) {
                return Optional.of(new byte[] {(byte) 0xE5});
            }
            return meter.answer(request, now);
        }

        @Override
        public String describe() {
            return "deaf to SND_NKE: " + meter.describe();
        }
    }

    @Test
    void aReadoutListLeftChangedByALostSndNkeIsRestoredAndTheReadHasItsValue_P2_6_3_1() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, meter);
            // the readout list changed to the versions and the SND_NKE that restores it lost: what the field showed
            assertTrue(b.await(b.master.dataSend(Bench.CH1, versionSelection())).done());
            assertEquals(4, meter.readoutSelection().size(), "the meter now sends only the versions");

            CommandResult read = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.DONE, read.outcome(), read.toString());
            assertTrue(read.detail().contains("hourly value"), read.detail());
            assertTrue(meter.readoutSelection().isEmpty(), "P2 §6.3.2: SND_NKE restored the default list");
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isPresent());
            assertEquals(0, b.master.incompleteReads(Bench.CH1));
        }
    }

    @Test
    void aReadWithoutValueAlsoAfterSndNkeIsIncompleteWithItsReasonCountedAndLoggedNeverDone() throws Exception {
        try (Bench b = new Bench()) {
            DeafToNke device = new DeafToNke(Bench.gas(23456789, 5).build());
            b.bind(Bench.CH1, device);
            assertTrue(b.await(b.master.dataSend(Bench.CH1, versionSelection())).done());

            CommandResult read = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.INCOMPLETE, read.outcome(), read.toString());
            assertFalse(read.done());
            assertTrue(read.detail().contains("no hourly value") && read.detail().contains("SND_NKE"), read.detail());
            assertEquals(1, b.master.incompleteReads(Bench.CH1));
            assertTrue(b.logLines().stream().anyMatch(l -> l.startsWith("channel 1: read INCOMPLETE")), b.logLines().toString());
            assertTrue(b.logLines().stream().noneMatch(l -> l.startsWith("channel 1: read done")), b.logLines().toString());
        }
    }

    @Test
    void aMode15AnswerWithAWrongIvIsRejectedAsADecryptionFailureWithItsReason_P2_5_1() throws Exception {
        try (Bench b = new Bench()) {
            TamperingDevice device = new TamperingDevice(Bench.gas(23456789, 5).userKey(Bench.USER_KEY).build());
            b.userKey(Bench.CH1, Bench.USER_KEY);
            b.bind(Bench.CH1, device);
            assertTrue(b.await(b.master.read(Bench.CH1)).done());
            OptionalLong counter = b.store.channel(Bench.CH1).lastValidatedFrameCounter();
            Optional<HourlyValue> value = b.store.channel(Bench.CH1).lastHourlyValue();
            device.tamper(new WrongIv("000102030405060708090A0B0C0D0E0F", Bench.gasId(23456789)));

            CommandResult read = b.await(b.master.read(Bench.CH1));

            assertEquals(Outcome.REJECTED, read.outcome(), read.toString());
            assertTrue(read.detail().startsWith("DECRYPTION_FAILED"), read.detail());
            assertTrue(read.detail().contains("special function DIF 0Fh"), "the reason: " + read.detail());
            assertEquals(Map.of(RejectionReason.DECRYPTION_FAILED, 1L), b.master.rejections(Bench.CH1));
            assertEquals(counter, b.store.channel(Bench.CH1).lastValidatedFrameCounter(), "the frame counter is not used up");
            assertEquals(value, b.store.channel(Bench.CH1).lastHourlyValue());
            long lines = b.logLines().stream().filter(l -> l.contains("DECRYPTION_FAILED") || l.contains("decryption failed")).count();
            assertEquals(1, lines, "one line for the rejection, not three: " + b.logLines());
        }
    }

    @Test
    void whenTheLineDropsEachBoundChannelGetsACommunicationErrorAndReadsResumeWhenItIsBack() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.bind(Bench.CH2, Bench.gas(22222222, 7).build());
            b.master.start();
            b.sink.clear();

            b.wire[1].failPeer(new IOException("serial port /dev/ttyUSB0 failed: was the converter unplugged?"));
            b.time.advance(Duration.ofMillis(100));
            assertFalse(b.link.isUp());
            assertEquals(List.of(100, 110), b.sink.codes(), "P3 M-Bus events: communication error, channels 1 and 2");

            b.time.advance(Duration.ofSeconds(5)); // the link reopens the medium by itself; the master reads both
            assertTrue(b.link.isUp());
            assertEquals(List.of(100, 110, 101, 111), b.sink.codes(), "communication OK again on both channels");
            assertTrue(b.store.channel(Bench.CH1).lastHourlyValue().isPresent());
            assertTrue(b.store.channel(Bench.CH2).lastHourlyValue().isPresent());
        }
    }

    @Test
    void aStoppedMasterLeavesItsStoreAloneWhenItsLinkGoesDown() throws Exception {
        try (Bench b = new Bench()) {
            b.bind(Bench.CH1, Bench.gas(11111111, 5).build());
            b.master.start();
            b.time.advance(Duration.ofSeconds(5));
            b.sink.clear();

            // as MasterComponent deactivates: stop the master, then close the link (which reports it down)
            b.master.stop();
            b.wire[1].failPeer(new IOException("closed by the component"));
            b.time.advance(Duration.ofSeconds(1));
            assertEquals(List.of(), b.sink.codes(), "no communication error from a stopped master");
        }
    }

    /**
     * A soak of ten thousand faulty exchanges (no answer, bit flips, truncated answers, stray frames) prints a bounded
     * number of lines: one per event with a count, identical repeats summarised (issue 16 item 4).
     */
    @Test
    void tenThousandFaultyExchangesPrintABoundedNumberOfLines() throws Exception {
        try (Bench b = new Bench()) {
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                    org.slf4j.Logger.ROOT_LOGGER_NAME);
            Level before = root.getLevel();
            root.setLevel(Level.INFO);
            try {
                DsmrMeter meter = Bench.gas(23456789, 5).build();
                b.bind(Bench.CH1, meter);
                b.log.list.clear();
                List<Fault> faults = List.of(Fault.noAnswer(), Fault.bitFlip(10, 0x01), Fault.truncated(20));
                int exchanges = 0;
                int reads = 0;
                while (exchanges < 10_000) {
                    b.bus.injectFault(meter, faults.get(reads % faults.size()), 3); // every attempt of the read fails
                    if (reads % 7 == 0) {
                        b.wire[1].send(new byte[] {0x10, 0x40, 0x05, 0x45, 0x16, 0x68}); // and a stray frame on the line
                    }
                    CommandResult r = b.await(b.master.read(Bench.CH1));
                    assertEquals(Outcome.FAILED, r.outcome());
                    exchanges += 3;
                    reads++;
                }
                assertEquals(exchanges, b.bus.faultsApplied());
                List<ILoggingEvent> lines = b.log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
                System.out.println("issue 16 soak: " + exchanges + " faulty exchanges in " + reads + " reads printed "
                        + lines.size() + " log lines");
                lines.forEach(e -> System.out.println("  " + e.getLevel() + " " + e.getFormattedMessage()));
                assertTrue(lines.size() <= 30, lines.size() + " lines");
                assertTrue(lines.stream().anyMatch(e -> e.getFormattedMessage().contains("times so far")));
            } finally {
                root.setLevel(before);
            }
        }
    }
}
