package org.p2gate.cosem.mbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.simulator.wired.DsmrGasMeter;

/**
 * M-Bus master value 0-x:24.2.1.255, M-Bus profile 0-x:24.3.0.255 with selective access by range and by
 * entry (IEC 62056-6-2 class 7, as the standard says, not as Gurux does it), and the M-Bus event log.
 */
class ProfileAndValueTest {

    private static final String VALUE = "0.1.24.2.1.255";
    private static final String PROFILE = "0.1.24.3.0.255";

    /** A master that read the Appendix B gas meter at start (23:30) and every hour for {@code hours} hours after. */
    private static Harness readHourly(int hours) {
        Harness h = new Harness();
        h.bus.attach(DsmrGasMeter.appendixB(Harness.START).defaultKey(Harness.DEFAULT_KEY).primaryAddress(7).build());
        h.await(h.master.bind(Channel.of(1), new Binding.Wired(7)));
        h.master.start();
        h.time.advance(Duration.ofHours(hours));
        return h;
    }

    private static List<HourlyValue> stored(Harness h) {
        return h.master.hourlyValues(Channel.of(1), Instant.EPOCH, h.master.now().plus(Duration.ofDays(1)));
    }

    @Test
    void theMasterValueIsTheNewestHourlyValueExactly() {
        Harness h = readHourly(3);
        HourlyValue newest = h.master.channel(Channel.of(1)).lastHourlyValue().orElseThrow();

        long mantissa = ((Number) h.read(VALUE, 2)).longValue();
        List<?> scalerUnit = (List<?>) h.read(VALUE, 3);
        int scaler = ((Number) scalerUnit.get(0)).intValue();

        assertEquals(0, newest.value().compareTo(BigDecimal.valueOf(mantissa).scaleByPowerOfTen(scaler)),
                "value = mantissa × 10^scaler, exactly");
        assertEquals(newest.cosemUnit(), ((Number) scalerUnit.get(1)).intValue(), "unit m³ = 13");
        assertEquals(13, newest.cosemUnit());
        assertArrayEquals(CosemDateTime.encode(newest.captureTime()), (byte[]) h.read(VALUE, 5), "capture_time");
        assertEquals(newest.status(), ((Number) h.read(VALUE, 4)).intValue());
    }

    @Test
    void aChannelWithoutValueAnswersZeroAndAnUnspecifiedTime() {
        Harness h = new Harness();

        assertEquals(0L, ((Number) h.read("0.2.24.2.1.255", 2)).longValue());
        assertArrayEquals(CosemDateTime.NOT_SPECIFIED, (byte[]) h.read("0.2.24.2.1.255", 5));
    }

    @Test
    void theProfileHoldsEveryStoredHourlyValueOldestFirst() {
        Harness h = readHourly(5);
        List<HourlyValue> values = stored(h);

        List<?> buffer = (List<?>) h.read(PROFILE, 2);

        assertEquals(values.size(), buffer.size());
        assertEquals(6, buffer.size(), "one per hour: 23:00 read at start, then 00:00 to 04:00");
        for (int i = 0; i < values.size(); i++) {
            List<?> row = (List<?>) buffer.get(i);
            assertArrayEquals(CosemDateTime.encode(values.get(i).captureTime()), (byte[]) row.get(0), "clock");
            assertEquals(values.get(i).status(), ((Number) row.get(1)).intValue(), "status");
            assertEquals(HourlyCells.mantissa(values.get(i)).orElseThrow(), BigInteger.valueOf(((Number) row.get(2)).longValue()));
            assertArrayEquals(CosemDateTime.encode(values.get(i).captureTime()), (byte[]) row.get(3), "capture time");
        }
        assertEquals((long) values.size(), ((Number) h.read(PROFILE, 7)).longValue(), "entries_in_use");
        assertEquals(240L, ((Number) h.read(PROFILE, 8)).longValue(), "profile_entries: ten days");
        assertEquals(3600L, ((Number) h.read(PROFILE, 4)).longValue(), "capture_period");
    }

    @Test
    void selectionByEntryTakesToEntryAsAnIndexNotACount() {
        Harness h = readHourly(5);
        List<HourlyValue> values = stored(h);

        List<?> twoToFour = (List<?>) h.read(PROFILE, 2, 2, List.of(2L, 4L, 1, 0));
        List<?> fromThreeToLast = (List<?>) h.read(PROFILE, 2, 2, List.of(3L, 0L, 1, 0));
        List<?> valueColumnOnly = (List<?>) h.read(PROFILE, 2, 2, List.of(1L, 1L, 3, 3));

        assertEquals(3, twoToFour.size(), "entries 2, 3 and 4");
        assertArrayEquals(CosemDateTime.encode(values.get(1).captureTime()), (byte[]) ((List<?>) twoToFour.get(0)).get(0));
        assertEquals(values.size() - 2, fromThreeToLast.size(), "to_entry 0 = the last");
        assertEquals(1, ((List<?>) valueColumnOnly.get(0)).size(), "columns 3..3: the value");
        assertEquals(HourlyCells.mantissa(values.get(0)).orElseThrow().longValue(),
                ((Number) ((List<?>) valueColumnOnly.get(0)).get(0)).longValue());
    }

    @Test
    void selectionByRangeIncludesBothEnds() {
        Harness h = readHourly(5);
        List<HourlyValue> values = stored(h);
        Instant from = values.get(1).captureTime();
        Instant to = values.get(3).captureTime();
        List<Object> clock = List.of(8, new byte[] {0, 0, 1, 0, 0, (byte) 255}, (byte) 2, 0);

        List<?> rows = (List<?>) h.read(PROFILE, 2, 1, List.of(clock, CosemDateTime.encode(from), CosemDateTime.encode(to),
                List.of()));
        List<?> onlyValues = (List<?>) h.read(PROFILE, 2, 1, List.of(clock, CosemDateTime.encode(from),
                CosemDateTime.encode(to), List.of(List.of(4, new byte[] {0, 1, 24, 2, 1, (byte) 255}, (byte) 2, 0))));

        assertEquals(3, rows.size(), "values 2, 3 and 4: both ends included");
        assertEquals(3, onlyValues.size());
        assertEquals(1, ((List<?>) onlyValues.get(0)).size(), "selected_values: the value column");
    }

    @Test
    void aMalformedSelectionIsRefused() {
        Harness h = readHourly(2);
        ValueEventArgs e = new ValueEventArgs(h.object(PROFILE), 2, 2, List.of(3L, 2L, 1, 0)); // from after to

        h.device.read(e);

        assertEquals(ErrorCode.OTHER_REASON, e.getError());
    }

    @Test
    void theEventLogShowsTheMastersEvents() {
        Harness h = readHourly(1);
        List<MBusEvent> events = h.master.events(1000);

        List<?> log = (List<?>) h.read("0.0.99.98.3.255", 2);

        assertEquals(events.size(), log.size());
        List<Integer> codes = new ArrayList<>();
        for (Object row : log) {
            codes.add(((Number) ((List<?>) row).get(1)).intValue());
        }
        assertEquals(events.stream().map(MBusEvent::code).toList(), codes);
        assertEquals(105, codes.get(0), "new M-Bus device discovered on channel 1");
        assertEquals(events.get(events.size() - 1).code(), ((Number) h.read("0.0.96.11.3.255", 2)).intValue());
    }
}
