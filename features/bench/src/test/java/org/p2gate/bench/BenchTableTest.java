package org.p2gate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table reads JMH's JSON result format and judges the targets. */
class BenchTableTest {

    private static String result(String method, String frame, double ops, double bytes) {
        return "{\"benchmark\":\"org.p2gate.bench.DecodeBenchmark." + method + "\",\"mode\":\"thrpt\","
                + "\"params\":{\"frame\":\"" + frame + "\"},"
                + "\"primaryMetric\":{\"score\":" + ops + ",\"scoreError\":" + ops / 100 + ",\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + bytes + ",\"scoreUnit\":\"B/op\"}}}";
    }

    @Test
    void rowsPairP2gateAndJmbusResultsOfTheSameFrame() throws Exception {
        String json = "[" + result("jmbus", "LARGE_WIRED", 1000, 9000) + "," + result("p2gate", "OMS_N21_MODE5", 5000, 1500)
                + "," + result("p2gate", "LARGE_WIRED", 2500, 1900) + "," + result("jmbus", "OMS_N21_MODE5", 2000, 4000)
                + "]";
        List<BenchTable.Row> rows = BenchTable.rows(new ObjectMapper().readTree(json));
        assertEquals(2, rows.size());
        assertEquals(BenchFrame.OMS_N21_MODE5, rows.get(0).frame());
        assertEquals(2.5, rows.get(0).ratio(), 1e-9);
        assertEquals(1500, rows.get(0).p2gateBytes(), 1e-9);
        assertEquals(4000, rows.get(0).jmbusBytes(), 1e-9);
        assertEquals(BenchFrame.LARGE_WIRED, rows.get(1).frame());
        assertEquals(2.5, rows.get(1).ratio(), 1e-9);
    }

    @Test
    void targetIsAtLeastTwiceJmbusAndAtMostTwoKilobytesPerFrame() throws Exception {
        String json = "[" + result("p2gate", "LARGE_WIRED", 1999, 2048) + "," + result("jmbus", "LARGE_WIRED", 1000, 1)
                + "]";
        BenchTable.Row row = BenchTable.rows(new ObjectMapper().readTree(json)).get(0);
        assertFalse(row.fastEnough(), "1.999× is below 2×");
        assertTrue(row.smallEnough(), "2048 B is 2 KB");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertFalse(BenchTable.print(List.of(row), new PrintStream(text, true, StandardCharsets.UTF_8)));
        String table = text.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("FAIL"), table);
        assertTrue(table.contains("2,048"), table);
    }

    @Test
    void aMissingResultIsAFailNotACrash() throws Exception {
        BenchTable.Row row = BenchTable.rows(new ObjectMapper().readTree("[" + result("p2gate", "DSMR_B13_MODE15", 10, 10)
                + "]")).get(0);
        assertTrue(Double.isNaN(row.jmbusOps()));
        assertFalse(row.fastEnough());
    }
}
