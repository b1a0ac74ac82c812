package org.p2gate.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.p2gate.clock.SystemScheduler;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.SerialTransport;
import org.p2gate.simulator.wired.DsmrGasMeter;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.MeterProfile;
import org.p2gate.simulator.wired.Register;
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

    /** The default key of every simulated meter (P2 Appendix B1.1's example default key). */
    static final String DEFAULT_KEY = "00112233445566778899AABBCCDDEEFF";

    /** One simulated meter: its kind and its primary address. */
    record MeterSpec(String kind, int address) {

        static MeterSpec parse(String text) {
            int at = text.indexOf('@');
            if (at < 1) {
                throw new IllegalArgumentException("a meter is KIND@ADDRESS, e.g. gas@5; got '" + text + "'");
            }
            String kind = text.substring(0, at);
            if (!List.of("gas", "water", "heat", "slave-e").contains(kind)) {
                throw new IllegalArgumentException("meter kinds are gas, water, heat and slave-e; got '" + kind + "'");
            }
            int address;
            try {
                address = Integer.parseInt(text.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a primary address is a number 0..250; got '" + text.substring(at + 1) + "'");
            }
            if (address < 0 || address > 250) {
                throw new IllegalArgumentException("a primary address is 0..250; got " + address);
            }
            return new MeterSpec(kind, address);
        }

        DsmrMeter build(Instant start, int serial) {
            DeviceType type = switch (kind) {
                case "gas" -> DeviceType.GAS;
                case "water" -> DeviceType.WATER;
                case "heat" -> DeviceType.HEAT_COOLING;
                default -> DeviceType.ELECTRICITY;
            };
            ShortId id = ShortId.of(serial, ManufacturerCode.of("NET"), DsmrGasMeter.DSMR_VERSION, type);
            MeterProfile profile = switch (kind) {
                case "gas" -> MeterProfile.gasG4(Register.linear(start, 1_000, 250));
                case "water" -> MeterProfile.water(Register.linear(start, 52_000, 40));
                case "heat" -> MeterProfile.heat(Register.linear(start, 1_200, 3), Register.constant(40),
                        Register.linear(start, 2_000, 10));
                default -> MeterProfile.slaveElectricity(Register.linear(start, 3_141_274, 500));
            };
            return DsmrMeter.builder(profile, id).primaryAddress(address)
                    .defaultKey(org.p2gate.mbus.security.AesKey.fromHex(DEFAULT_KEY)).build();
        }
    }

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
                DsmrMeter meter = spec.build(scheduler.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS), serial++);
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
