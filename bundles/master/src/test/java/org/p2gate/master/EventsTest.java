package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Fault;

/** The DSMR M-Bus events, code 100 + 10 × (channel − 1) + k, in the event log first and then published. */
class EventsTest {

    @Test
    void communicationErrorThenOkCarryTheChannelsCodesOnce() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 7).build();
            b.bind(Bench.CH2, meter);
            b.bus.injectFault(meter, new Fault.NoAnswer(), 6); // two reads of three attempts each

            assertEquals(Outcome.FAILED, b.await(b.master.read(Bench.CH2)).outcome());
            assertEquals(Outcome.FAILED, b.await(b.master.read(Bench.CH2)).outcome());
            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH2)).outcome());

            assertEquals(List.of(115, 110, 111), b.sink.codes(), "discovered, error (once), OK on channel 2");
            assertEquals(b.sink.events(), b.store.events(10), "the same events in the event log");
        }
    }

    @Test
    void statusBitsRaiseReplaceBatteryPermanentErrorAndFraudOnceAndNonPermanentBitsAreCleared() throws Exception {
        try (Bench b = new Bench()) {
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.bind(Bench.CH1, meter);
            meter.raiseStatus(DsmrMeter.STATUS_POWER_LOW | DsmrMeter.STATUS_PERMANENT_ERROR | DsmrMeter.STATUS_FRAUD);

            assertEquals(Outcome.DONE, b.await(b.master.read(Bench.CH1)).outcome());
            b.await(b.master.read(Bench.CH1)); // after the automatic clear status

            assertEquals(List.of(105, 102, 106, 103), b.sink.codes(), "each once, on the rising edge");
            assertEquals(DsmrMeter.STATUS_POWER_LOW | DsmrMeter.STATUS_PERMANENT_ERROR, meter.status(),
                    "fraud cleared with mask 73h after it was read (§6.2.3); the permanent bits stay");
            meter.raiseStatus(DsmrMeter.STATUS_FRAUD);
            b.await(b.master.read(Bench.CH1));
            assertEquals(103, b.sink.codes().get(b.sink.codes().size() - 1), "a new fraud attempt is a new event");
        }
    }

    @Test
    void statusAlarmsAreRisingEdgesOfBitsTwoThreeAndSix() {
        assertEquals(List.of(MBusEventKind.REPLACE_BATTERY, MBusEventKind.PERMANENT_ERROR, MBusEventKind.FRAUD_ATTEMPT),
                StatusAlarms.raised(0x00, 0x4C));
        assertEquals(List.of(), StatusAlarms.raised(0x4C, 0x4C));
        assertEquals(List.of(), StatusAlarms.raised(0x00, 0x33), "application, temporary and clock bits raise none");
    }

    @Test
    void eventCodesFollowTheP3Table() {
        assertEquals(100, new MBusEvent(Bench.START, Channel.of(1), MBusEventKind.COMMUNICATION_ERROR).code());
        assertEquals(134, new MBusEvent(Bench.START, Channel.of(4), MBusEventKind.CLOCK_ADJUSTED).code());
        assertEquals(126, new MBusEvent(Bench.START, Channel.of(3), MBusEventKind.PERMANENT_ERROR).code());
    }
}
