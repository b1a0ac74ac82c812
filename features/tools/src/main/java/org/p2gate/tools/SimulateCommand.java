package org.p2gate.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.p2gate.clock.SystemScheduler;
import org.p2gate.mbus.wired.SerialTransport;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.MeterSpec;
import org.p2gate.simulator.wired.SimulatedBusSegment;

/**
 * {@code ./p2gate simulate --serial PORT [--meter KIND@ADDRESS]…}: simulated DSMR meters on a real
 * serial device (e.g. one end of a socat pseudo-terminal pair), in real time, until Ctrl-C.
 */
final class SimulateCommand {

    static final String USAGE = """
            usage: ./p2gate simulate --serial PORT [--meter KIND@ADDRESS]...
              --serial PORT         the serial device the simulated bus answers on (2400 Bd 8E1),
                                    e.g. one end of: socat pty,raw,echo=0,link=/tmp/meters pty,raw,echo=0,link=/tmp/gateway
              --meter KIND@ADDRESS  a DSMR meter: gas, water, heat or slave-e, at primary address 0..250
                                    (default: gas@5 water@6 heat@7 slave-e@8); no user key (unencrypted) until
                                    the master transfers one; default key 00112233445566778899AABBCCDDEEFF""";


    private final PrintStream out;
    private final PrintStream err;

    SimulateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        String port = null;
        List<MeterSpec> meters = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--serial" -> port = value(args, ++i, "--serial");
                    case "--meter" -> meters.add(MeterSpec.parse(value(args, ++i, "--meter")));
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                }
            }
            if (port == null) {
                throw new IllegalArgumentException("--serial PORT is needed");
            }
        } catch (IllegalArgumentException e) {
            err.println("p2gate simulate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (meters.isEmpty()) {
            meters = List.of(new MeterSpec("gas", 5), new MeterSpec("water", 6), new MeterSpec("heat", 7),
                    new MeterSpec("slave-e", 8));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (SystemScheduler scheduler = new SystemScheduler("p2gate-simulator", e -> err.println("simulator: " + e))) {
            SimulatedBusSegment bus = SimulatedBusSegment.dsmr(scheduler, new SerialTransport(port));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                bus.close();
                stopped.countDown();
            }, "p2gate-simulator-stop"));
            int serial = 31_000_001;
            for (MeterSpec spec : meters) {
                // registers start at the current whole hour, so the first hourly value is the round start value
                DsmrMeter meter = spec.build(scheduler.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS), serial++,
                        MeterSpec.DEFAULT_KEY);
                bus.attach(meter);
                out.println("  " + meter.describe());
            }
            out.println("simulated DSMR bus on " + port + " (2400 Bd 8E1); stop with Ctrl-C");
            stopped.await();
            return 0;
        } catch (IOException e) {
            err.println("p2gate simulate: cannot open " + port + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
