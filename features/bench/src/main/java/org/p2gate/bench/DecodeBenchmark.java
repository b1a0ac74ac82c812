package org.p2gate.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.record.DataRecord;

/**
 * Full decode of one frame per operation (frame, transport layer, decryption, every record with
 * its value), p2gate against jMBus, on the inputs of {@link BenchFrame}. Throughput in ops/s;
 * run with {@code -prof gc} for bytes allocated per operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class DecodeBenchmark {

    @Param({"DSMR_B13_MODE15", "DSMR_B13_CLEAR", "OMS_N21_MODE5", "LARGE_WIRED"})
    public String frame;

    private P2gateDecoding p2gate;
    private JmbusDecoding jmbus;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchFrame f = BenchFrame.valueOf(frame);
        p2gate = new P2gateDecoding(f);
        jmbus = new JmbusDecoding(f);
        // fail before measuring if either cannot decode its input
        int ours = p2gate.decode().records().size();
        int theirs = jmbus.decode().getDataRecords().size();
        if (ours == 0 || ours != theirs) {
            throw new IllegalStateException(f + ": p2gate decodes " + ours + " records, jMBus " + theirs);
        }
    }

    @Benchmark
    public List<DataRecord> p2gate() throws DecodeException {
        return p2gate.decode().records();
    }

    @Benchmark
    public List<org.openmuc.jmbus.DataRecord> jmbus() throws Exception {
        return jmbus.decode().getDataRecords();
    }
}
