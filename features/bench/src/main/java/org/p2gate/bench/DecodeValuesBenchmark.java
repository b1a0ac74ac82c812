package org.p2gate.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.record.DataRecord;

/**
 * {@link DecodeBenchmark} with every record's value taken as well: p2gate makes a record's value on first
 * access, jMBus while decoding, so this is the comparison for a caller that reads every value (the master
 * reads a few). Not part of {@code ./p2gate bench}'s table; run it with
 * {@code java -jar features/bench/target/p2gate-bench.jar DecodeValuesBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class DecodeValuesBenchmark {

    @Param({"DSMR_B13_MODE15", "DSMR_B13_CLEAR", "OMS_N21_MODE5", "LARGE_WIRED"})
    public String frame;

    private P2gateDecoding p2gate;
    private JmbusDecoding jmbus;

    @Setup
    public void setUp() {
        BenchFrame f = BenchFrame.valueOf(frame);
        p2gate = new P2gateDecoding(f);
        jmbus = new JmbusDecoding(f);
    }

    @Benchmark
    public void p2gate(Blackhole sink) throws DecodeException {
        for (DataRecord record : p2gate.decode().records()) {
            sink.consume(record.value());
        }
    }

    @Benchmark
    public void jmbus(Blackhole sink) throws Exception {
        for (org.openmuc.jmbus.DataRecord record : jmbus.decode().getDataRecords()) {
            sink.consume(record.getDataValue());
        }
    }
}
