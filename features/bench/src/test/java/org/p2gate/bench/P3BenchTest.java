package org.p2gate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The P3 bench, bounded (a few GETs per client): every client of every row associates and is served all
 * its GETs, and the table says what it measured. No timing is asserted: the figures come from ./p2gate bench.
 */
class P3BenchTest {

    @Test
    void everyClientIsServedEveryGetWithOneAndSixteenAssociations() throws Exception {
        List<P3Bench.Row> rows = P3Bench.run(25, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(2, rows.size());
        assertEquals(1, rows.get(0).clients());
        assertEquals(25, rows.get(0).gets());
        assertEquals(16, rows.get(1).clients());
        assertEquals(16 * 25, rows.get(1).gets(), "sixteen concurrent associations on one shared invocation counter");
        assertEquals(16, rows.get(1).associationNanos().length);
        assertTrue(rows.get(1).getP50() > 0 && rows.get(1).getP99() >= rows.get(1).getP50());

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        P3Bench.print(rows, new PrintStream(table, true, StandardCharsets.UTF_8));
        String text = table.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("p99 ms") && text.contains("target: p99 GET <= 5.0 ms at 16 clients"), text);
    }

    @Test
    void theServerInAJvmOfItsOwnServesEveryClient() throws Exception {
        List<P3Bench.Row> rows = P3Bench.runAgainstGateway(10, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        assertEquals(List.of(1, 16), rows.stream().map(P3Bench.Row::clients).toList());
        assertEquals(16 * 10, rows.get(1).gets());
        assertTrue(rows.get(1).server().startsWith("server in its own JVM"), rows.get(1).server());
    }
}
