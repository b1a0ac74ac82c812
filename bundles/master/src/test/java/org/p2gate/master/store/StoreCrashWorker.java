package org.p2gate.master.store;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelState;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;

/**
 * The child process of {@link StoreCrashTest}: opens the store in a folder and changes it as fast as it
 * can until it is killed, printing each change after its method returned ("committed …"). Keys are
 * named by their number ({@link Fixtures#keys}), never printed. Ends by itself when its standard input
 * closes (the test JVM is gone).
 *
 * <p>Per step n (the frame counter): put with frame counter n; the hourly value of the next hour; every
 * 5th step new keys (announced "writing keys=n" before, "committed keys=n" after); every 3rd step an
 * event at T0 + n seconds.
 */
public final class StoreCrashWorker {

    static final Channel CHANNEL = Channel.of(2);
    /** Compact often, so that kills also land in compactions. */
    static final int COMPACT_EVERY = 7;

    private StoreCrashWorker() {
    }

    /** The value the worker writes for hour {@code hour} after {@link Fixtures#T0}. */
    static HourlyValue hourlyValue(long hour) {
        return new HourlyValue(Fixtures.T0.plusSeconds(3600 * hour), BigDecimal.valueOf(hour * 1000 + 17, 3), "m^3", 13, -3,
                (int) (hour & 0xFF));
    }

    public static void main(String[] args) throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; EOF means the test is gone
                }
            } catch (IOException e) {
                // the same
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();

        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "US-ASCII");
        MvStoreMasterStore store = MvStoreMasterStore.open(Path.of(args[0]), StoreSettings.DEFAULTS, COMPACT_EVERY);
        ChannelState state = store.channel(CHANNEL);
        if (state.binding().isEmpty()) {
            state = state.withBinding(Optional.of(new Binding.Wired(5)));
        }
        long counter = state.lastValidatedFrameCounter().orElse(0);
        List<HourlyValue> values = store.hourlyValues(CHANNEL, Instant.MIN, Instant.MAX);
        long hour = values.isEmpty() ? 0
                : (values.get(values.size() - 1).captureTime().getEpochSecond() - Fixtures.T0.getEpochSecond()) / 3600 + 1;
        out.println("opened fc=" + counter + " hour=" + hour);
        while (true) {
            counter++;
            state = state.withLastValidatedFrameCounter(counter);
            store.put(state);
            out.println("committed fc=" + counter);
            store.addHourlyValue(CHANNEL, hourlyValue(hour));
            out.println("committed hourly=" + hour);
            hour++;
            if (counter % 5 == 0) {
                out.println("writing keys=" + counter);
                store.putKeys(CHANNEL, Fixtures.keys(counter));
                out.println("committed keys=" + counter);
            }
            if (counter % 3 == 0) {
                store.addEvent(new MBusEvent(Fixtures.T0.plusSeconds(counter), CHANNEL, MBusEventKind.COMMUNICATION_OK));
                out.println("committed event=" + counter);
            }
        }
    }
}
