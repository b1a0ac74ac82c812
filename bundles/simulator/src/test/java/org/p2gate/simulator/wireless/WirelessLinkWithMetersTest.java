package org.p2gate.simulator.wireless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportLayer;
import org.p2gate.mbus.wireless.ForeignMeter;
import org.p2gate.mbus.wireless.InstallationCandidate;
import org.p2gate.mbus.wireless.WirelessLink;
import org.p2gate.mbus.wireless.WirelessListener;
import org.p2gate.mbus.wireless.WirelessSettings;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;

/** The wireless link against simulated DSMR and OMS meters on a simulated radio medium, in virtual time. */
class WirelessLinkWithMetersTest {

    static final Instant START = Instant.parse("2026-03-02T10:20:00Z");
    static final ShortId GAS = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    static final AesKey USER_KEY = AesKey.fromHex("1E8C7245A6D2E0BC44A6E9E38F6A0D11");

    final VirtualScheduler scheduler = new VirtualScheduler(START);

    final class Setup {
        final RadioMedium medium;
        final MediumRadio radio;
        final MasterStandIn master = new MasterStandIn(DEFAULT_KEY);
        final WirelessLink link;
        final WirelessGasMeter meter;

        Setup(long seed, double loss) {
            medium = new RadioMedium(scheduler, seed);
            medium.defaultLoss(loss);
            radio = new MediumRadio(medium, "E-meter");
            link = new WirelessLink(radio, scheduler, WirelessSettings.dsmr().withAccessNumberSeed(seed), master, WirelessListener.NONE);
            meter = WirelessGasMeter.create(medium, scheduler, GAS,
                    MeterProfile.gasG4(Register.linear(START, 1_234_567, 150)), DEFAULT_KEY, Duration.ofSeconds(5), seed);
            link.open();
            scheduler.runDue();
        }

        List<RadioMedium.Transmission> fromEmeter() {
            return medium.transmissions().stream().filter(t -> t.sender() == radio.station()).toList();
        }

        List<RadioMedium.Transmission> fromMeter() {
            return medium.transmissions().stream().filter(t -> t.sender() == meter.station()).toList();
        }

        void install() {
            meter.startInstallation();
            scheduler.advance(Duration.ofSeconds(1));
            link.bind(GAS);
            scheduler.advance(Duration.ofMinutes(3));
            assertTrue(meter.isBound(), "the meter is bound after a CNF_IR");
        }
    }

    private static int cField(RadioMedium.Transmission t) {
        return t.frame()[1] & 0xFF;
    }

    @Test
    void installationRequestGetsNoAnswerUntilTheShortIdIsBoundThenOneCnfIr() throws Exception {
        Setup s = new Setup(1, 0);
        s.meter.startInstallation();
        scheduler.advance(Duration.ofMinutes(5).plusSeconds(30));
        assertEquals(List.of(), s.fromEmeter(), "nothing is sent to a meter that is not bound");
        List<InstallationCandidate> candidates = s.link.installationCandidates();
        assertEquals(1, candidates.size());
        assertEquals(GAS, candidates.get(0).shortId());
        assertEquals(6, candidates.get(0).requests());
        // P2 §6.4.1: the equipment identifier ends in the identification number; its last 7 digits
        assertEquals(Optional.of("3456789"), candidates.get(0).equipmentIdDigits());
        assertFalse(s.meter.isBound());

        s.link.bind(GAS);
        scheduler.advance(Duration.ofMinutes(1));
        assertTrue(s.meter.isBound());
        List<RadioMedium.Transmission> sent = s.fromEmeter();
        assertEquals(1, sent.size(), "exactly one CNF_IR");
        WirelessFrame cnf = WirelessFrame.decodeWithoutCrcs(sent.get(0).frame(), 0, sent.get(0).frame().length);
        assertEquals(0x06, cnf.c().value());
        assertEquals(0x80, cnf.ci());
        assertEquals(WirelessSettings.ZERO_ADDRESS, cnf.address(), "P2 §3.2.4: the E-meter's link address may be zero");
        LongHeader header = (LongHeader) TransportLayer.decode(cnf.linkData()).header().orElseThrow();
        assertEquals(GAS, header.deviceId(), "the target's Short ID is in the long header");
        RadioMedium.Transmission sndIr = s.fromMeter().get(s.fromMeter().size() - 1);
        assertEquals(sndIr.frame()[11], (byte) header.accessNumber(), "P2 §4.4.7: ACC copied from the SND_IR");
        assertEquals(0, header.configuration().value());
        assertTrue(s.link.installationCandidates().isEmpty(), "a bound meter is no longer a candidate");
        scheduler.advance(Duration.ofHours(2));
        assertTrue(s.meter.meterDataSent() >= 1, "a bound meter sends hourly SND_NR");
        assertEquals(7, s.meter.installationRequestsSent(), "no SND_IR after the CNF_IR");
    }

    @Test
    void installationModeSendsEveryMinuteForAnHourThenHourlyAndTheButtonRestartsIt() {
        Setup s = new Setup(2, 0);
        s.meter.startInstallation();
        scheduler.advance(Duration.ofMinutes(60).minusSeconds(1));
        assertEquals(60, s.meter.installationRequestsSent(), "P2 §3.2.5: every minute during 60 minutes");
        scheduler.advance(Duration.ofHours(3));
        assertEquals(63, s.meter.installationRequestsSent(), "then once every hour");
        s.meter.pressButton();
        scheduler.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(73, s.meter.installationRequestsSent(), "the push-button returns to every minute");
    }

    @Test
    void keyTransferIsDeliveredInTheNextAccessCycleAndTheFollowingSndNrDecryptsWithTheNewKey() {
        Setup s = new Setup(3, 0);
        s.install();
        CompletableFuture<WirelessFrame> ack = s.link.submit(GAS, s.master.keyTransfer(USER_KEY));
        scheduler.advance(Duration.ofMinutes(70));
        assertTrue(ack.isDone() && !ack.isCompletedExceptionally(), "acknowledged in the first FAC");
        assertEquals(0x00, ack.join().c().value(), "ACK C 00h");
        assertEquals(0x8A, ack.join().ci(), "ACK CI 8Ah");
        assertTrue(s.meter.usesUserKey(USER_KEY));
        assertEquals(1, s.link.statistics().cyclesStarted());
        assertEquals(1, s.link.statistics().cycleEnds(), "the FAC ended with SND_NKE");
        assertEquals(0x40, cField(s.fromEmeter().get(s.fromEmeter().size() - 1)), "the last E-meter frame is SND_NKE");
        assertFalse(s.meter.inAccessCycle());

        int before = s.master.accepted.size();
        scheduler.advance(Duration.ofHours(1));
        assertTrue(s.master.accepted.size() > before);
        var reading = s.master.accepted.get(s.master.accepted.size() - 1);
        assertEquals(15, reading.security().mode(), "the next SND_NR is encrypted in mode 15");
        assertEquals(USER_KEY, s.master.userKey, "and validated with the new key");
        assertTrue(s.master.rejected.isEmpty(), s.master.rejected.toString());
    }

    @Test
    void everyAnswerStartsInsideTheMetersResponseWindow() {
        Setup s = new Setup(4, 0);
        s.install();
        s.link.submit(GAS, s.master.keyTransfer(USER_KEY));
        scheduler.advance(Duration.ofMinutes(70));
        s.link.submit(GAS, s.master.clockSynchronisation(LocalDateTime.of(2026, 3, 2, 12, 0)));
        scheduler.advance(Duration.ofHours(2));
        List<RadioMedium.Transmission> all = s.medium.transmissions();
        int answers = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).sender() != s.radio.station()) {
                continue;
            }
            RadioMedium.Transmission previous = all.get(i - 1);
            Duration gap = Duration.between(previous.end(), all.get(i).start());
            assertTrue(previous.sender() == s.meter.station(), "each E-meter frame answers a meter frame");
            assertTrue(gap.compareTo(WirelessSettings.T2_RESPONSE_DELAY_MIN) >= 0
                    && gap.compareTo(WirelessSettings.T2_RESPONSE_DELAY_MAX) <= 0, "EN 13757-4 T2 t_RO 2..3 ms, got " + gap);
            answers++;
        }
        assertTrue(answers >= 5, "CNF_IR, two commands and their SND_NKE: " + answers);
    }

    @Test
    void lostAckIsRepeatedInsideTheSameAccessCycle() {
        Setup s = new Setup(5, 0);
        s.install();
        s.link.submit(GAS, s.master.keyTransfer(USER_KEY));
        scheduler.advance(Duration.ofMinutes(70));
        long cycles = s.link.statistics().cyclesStarted();
        s.medium.dropNext(t -> t.sender() == s.meter.station() && cField(t) == 0x00);
        LocalDateTime time = LocalDateTime.of(2026, 3, 2, 12, 30);
        CompletableFuture<WirelessFrame> ack = s.link.submit(GAS, s.master.clockSynchronisation(time));
        scheduler.advance(Duration.ofMinutes(70));
        assertTrue(ack.isDone() && !ack.isCompletedExceptionally(), "delivered despite the lost ACK");
        assertEquals(cycles + 1, s.link.statistics().cyclesStarted(), "inside one FAC");
        assertEquals(1, s.link.statistics().repetitions());
        assertEquals(1, s.link.statistics().readbacks(), "P2 §5.2: REQ_UD2 before the repetition");
        assertEquals(2, s.meter.commandsAccepted() - 1, "the meter took both attempts (each with a fresh frame counter)");
        assertTrue(s.master.rejected.isEmpty(), s.master.rejected.toString());
    }

    @Test
    void meterThatIsNeverBoundIsNeverAnswered() {
        Setup s = new Setup(6, 0);
        s.meter.startInstallation();
        scheduler.advance(Duration.ofHours(5));
        assertEquals(List.of(), s.fromEmeter());
        assertEquals(64, s.link.statistics().installationRequests());
        assertEquals(0, s.link.statistics().framesSent());
        assertEquals(1, s.link.installationCandidates().size());
    }

    @Test
    void omsMetersAreListedWithTheirSecurityModeAndNeverAnswered() {
        Setup s = new Setup(7, 0);
        OmsMeter mode5 = new OmsMeter(s.medium, scheduler, ShortId.of(12345678, ManufacturerCode.of("ELS"), 0x33, DeviceType.WATER),
                Optional.of(AesKey.fromHex("0102030405060708090A0B0C0D0E0F11")), Register.linear(START, 5000, 20),
                Duration.ofSeconds(120), 71);
        OmsMeter clear = new OmsMeter(s.medium, scheduler, ShortId.of(87654321, ManufacturerCode.of("AMT"), 0x01, DeviceType.WATER),
                Optional.empty(), Register.constant(42), Duration.ofSeconds(300), 72);
        mode5.start();
        clear.start();
        s.install();
        s.link.submit(GAS, s.master.keyTransfer(USER_KEY));
        scheduler.advance(Duration.ofHours(3));
        List<ForeignMeter> foreign = s.link.foreignMeters();
        assertEquals(2, foreign.size(), foreign.toString());
        ForeignMeter five = foreign.stream().filter(f -> f.address().equals(mode5.shortId())).findFirst().orElseThrow();
        assertEquals(5, five.securityMode().getAsInt());
        ForeignMeter none = foreign.stream().filter(f -> f.address().equals(clear.shortId())).findFirst().orElseThrow();
        assertEquals(0, none.securityMode().getAsInt());
        assertTrue(s.fromEmeter().stream().allMatch(t -> {
            try {
                var h = (LongHeader) TransportLayer.decode(WirelessFrame.decodeWithoutCrcs(t.frame(), 0, t.frame().length).linkData())
                        .header().orElseThrow();
                return h.deviceId().equals(GAS);
            } catch (Exception e) {
                return false;
            }
        }), "every E-meter frame is for the bound gas meter");
        assertFalse(s.link.boundDevices().contains(mode5.shortId()));
        assertTrue(s.meter.usesUserKey(USER_KEY), "the OMS traffic did not keep the gas meter from its key");
    }

    @Test
    void twentyPercentFrameLossStillConverges() {
        for (long seed = 11; seed < 16; seed++) {
            scheduler.advance(Duration.ofDays(1)); // a fresh stretch of time for each run
            Setup s = new Setup(seed, 0.2);
            s.meter.startInstallation();
            s.link.bind(GAS);
            scheduler.advance(Duration.ofMinutes(90));
            assertTrue(s.meter.isBound(), "seed " + seed + ": bound despite 20 % loss");
            CompletableFuture<WirelessFrame> key = s.link.submit(GAS, s.master.keyTransfer(USER_KEY));
            CompletableFuture<WirelessFrame> clock = key.thenCompose(
                    ack -> s.link.submit(GAS, s.master.clockSynchronisation(LocalDateTime.of(2026, 3, 10, 0, 0))));
            scheduler.advance(Duration.ofHours(12));
            assertTrue(key.isDone() && !key.isCompletedExceptionally(), "seed " + seed + ": key transfer");
            assertTrue(clock.isDone() && !clock.isCompletedExceptionally(), "seed " + seed + ": clock synchronisation");
            assertTrue(s.meter.usesUserKey(USER_KEY));
            int before = s.master.accepted.size();
            scheduler.advance(Duration.ofHours(6));
            assertTrue(s.master.accepted.size() > before, "seed " + seed + ": readings keep arriving");
            assertEquals(15, s.master.accepted.get(s.master.accepted.size() - 1).security().mode());
            s.meter.station().listen((f, r, a, b) -> { }); // detach this run's meter from later runs
        }
    }
}
