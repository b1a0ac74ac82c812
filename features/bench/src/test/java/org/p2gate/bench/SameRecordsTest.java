package org.p2gate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openmuc.jmbus.Bcd;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.RecordValue;

/** Both decoders read each benchmark frame to the same records, so the benchmark compares equal work. */
class SameRecordsTest {

    @ParameterizedTest
    @EnumSource(BenchFrame.class)
    void bothDecodersFindTheSameNumberOfRecords(BenchFrame frame) throws Exception {
        Message ours = new P2gateDecoding(frame).decode();
        List<org.openmuc.jmbus.DataRecord> theirs = new JmbusDecoding(frame).decode().getDataRecords();
        assertTrue(ours.records().size() > 0, "p2gate found no records");
        assertEquals(ours.records().size(), theirs.size(), "records: p2gate " + ours.records() + ", jMBus " + theirs);
    }

    @ParameterizedTest
    @EnumSource(BenchFrame.class)
    void bothDecodersReadTheSameFirstValue(BenchFrame frame) throws Exception {
        DataRecord ours = new P2gateDecoding(frame).decode().records().get(0);
        org.openmuc.jmbus.DataRecord theirs = new JmbusDecoding(frame).decode().getDataRecords().get(0);
        assertEquals(0, number(ours).compareTo(number(theirs)), "p2gate " + ours + ", jMBus " + theirs);
    }

    @ParameterizedTest
    @EnumSource(BenchFrame.class)
    void bothDecodersReadTheSameNumbersInEveryRecord(BenchFrame frame) throws Exception {
        List<DataRecord> ours = new P2gateDecoding(frame).decode().records();
        List<org.openmuc.jmbus.DataRecord> theirs = new JmbusDecoding(frame).decode().getDataRecords();
        int compared = 0;
        for (int i = 0; i < ours.size(); i++) {
            if (isNumber(ours.get(i)) && theirs.get(i).getDataValue() instanceof Number
                    || theirs.get(i).getDataValue() instanceof Bcd) {
                assertEquals(0, number(ours.get(i)).compareTo(number(theirs.get(i))),
                        "record " + i + ": p2gate " + ours.get(i) + ", jMBus " + theirs.get(i));
                compared++;
            }
        }
        assertTrue(compared > 0, "no numeric record compared");
    }

    @Test
    void decodingTwiceGivesTheSameRecords() throws Exception {
        // the benchmark decodes the same byte array over and over: neither decoder may change it
        for (BenchFrame frame : BenchFrame.values()) {
            P2gateDecoding p2gate = new P2gateDecoding(frame);
            JmbusDecoding jmbus = new JmbusDecoding(frame);
            assertEquals(p2gate.decode().records(), p2gate.decode().records(), frame.name());
            assertEquals(jmbus.decode().getDataRecords().toString(), jmbus.decode().getDataRecords().toString(),
                    frame.name());
        }
    }

    private static boolean isNumber(DataRecord r) {
        return r.value() instanceof RecordValue.Numeric || r.value() instanceof RecordValue.Bits;
    }

    /** The record's value as an exact number of units (the VIF's exponent applied). */
    private static BigDecimal number(DataRecord r) {
        if (r.value() instanceof RecordValue.Bits b) {
            return BigDecimal.valueOf(b.bits());
        }
        return r.number().orElseThrow(() -> new AssertionError("not a number: " + r));
    }

    /** jMBus's value with its multiplier exponent applied (integers and BCD), or its real as is. */
    private static BigDecimal number(org.openmuc.jmbus.DataRecord r) {
        Object v = r.getDataValue();
        BigDecimal raw;
        if (v instanceof Bcd bcd) {
            raw = BigDecimal.valueOf(bcd.longValue());
        } else if (v instanceof Double || v instanceof Float) {
            raw = new BigDecimal(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            raw = BigDecimal.valueOf(n.longValue());
        } else {
            throw new AssertionError("jMBus value is not a number: " + r);
        }
        return raw.scaleByPowerOfTen(r.getMultiplierExponent());
    }
}
