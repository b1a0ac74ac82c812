package org.p2gate.master;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.master.store.MvStoreMasterStore;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.wired.InMemoryTransport;
import org.p2gate.mbus.wired.LinkSettings;
import org.p2gate.mbus.wired.WiredLink;
import org.p2gate.simulator.wired.DsmrGasMeter;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.Register;
import org.p2gate.simulator.wired.SimulatedBusSegment;
import org.p2gate.simulator.wired.SimulatedWiredDevice;
import org.slf4j.LoggerFactory;

/**
 * The child process of {@link MasterCrashTest}: the master ({@link P2Master} on {@link MvStoreMasterStore}
 * in {@code args[0]}) with two simulated DSMR gas meters on a simulated wired bus, all in virtual time,
 * working until it is killed. Each step is printed to stdout after the master's future for it completed
 * (the master acknowledged it, so it must be committed):
 * <ul>
 * <li>{@code bound ch=c}; {@code transferring ch=c key=n} (before) and {@code keyTransferred ch=c key=n};</li>
 * <li>per whole hour and channel a REQ_UD2: {@code hourly ch=c t=<epoch s> v=<m3>} and
 *     {@code fc ch=c n=<fc> status=<key status> encrypted=<whether the master has a user key>},
 *     or {@code rejected ch=c} (then the head-end's part here transfers a new key; since a transferred key is
 *     committed as pending before it is sent, the test expects none);</li>
 * <li>once a virtual day a clock synchronisation per channel: {@code clockSynced ch=c}.</li>
 * </ul>
 * Keys are named by number ({@link #userKey}), never printed.
 *
 * <p>The meters are the other side of the wire and do not crash with the master: their state (frame
 * counter, access number, status, clock offset, user key number) and the virtual clock are written,
 * atomically, to {@value #METERS_FILE} in the folder after every change and before the meter's answer
 * leaves, so a restarted worker continues with the same meters (as after a restart of the E-meter
 * only). The write of a new user key takes a little real time (2 ms, as an EEPROM write), so that kills
 * aimed at a key transfer land between the meter taking the key and the master committing it.
 *
 * <p>Ends by itself when its standard input closes (the test JVM is gone).
 */
public final class MasterCrashWorker {

    static final String STORE_FOLDER = "store";
    static final String METERS_FILE = "meters.properties";
    static final Instant T0 = Instant.parse("2026-11-20T23:30:00Z");
    static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    /** The meters: channel c has primary address ADDRESS[c], identification ID[c]. */
    static final int[] ADDRESS = {0, 5, 9};
    static final int[] ID = {0, 11111111, 22222222};
    static final int CHANNELS = 2;
    /** A restarted worker's virtual time goes on this long after the last meter change (the down time). */
    static final Duration DOWN_TIME = Duration.ofMinutes(7);

    private MasterCrashWorker() {
    }

    /** The litres of channel {@code c}'s meter register at {@code at}. */
    static Register register(int c) {
        return Register.linear(T0, 1_000L * c, 250L + 100L * c);
    }

    /** The hourly value the master must store for capture time {@code t}: the register in m³, exactly. */
    static BigDecimal expectedValue(int c, Instant t) {
        return BigDecimal.valueOf(register(c).countsAt(t), 3);
    }

    /** User key number {@code n} (n ≥ 1): the number in the first 8 bytes, a fixed non-zero pattern after. */
    static AesKey userKey(long n) {
        if (n == 0) {
            return AesKey.ZERO;
        }
        byte[] b = new byte[AesKey.LENGTH];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (n >>> (56 - 8 * i));
            b[8 + i] = (byte) (0xC3 ^ i);
        }
        return AesKey.of(b);
    }

    /** The number of a key made by {@link #userKey}. */
    static long keyNumber(AesKey key) {
        if (key.isZero()) {
            return 0;
        }
        byte[] b = key.exportBytes();
        long n = 0;
        for (int i = 0; i < 8; i++) {
            n = n << 8 | (b[i] & 0xFF);
        }
        return n;
    }

    static ShortId shortId(int c) {
        return ShortId.of(ID[c], ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "US-ASCII");
        System.setOut(System.err); // the log goes to stderr; stdout carries the milestones only
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Thread watchdog = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // nothing is sent; EOF means the test is gone
                }
            } catch (IOException e) {
                // the same
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();

        Path folder = Path.of(args[0]);
        Meters meters = Meters.load(folder);
        VirtualScheduler time = new VirtualScheduler(meters.now.plus(DOWN_TIME));
        meters.time = time;
        MasterStore store = MvStoreMasterStore.open(folder.resolve(STORE_FOLDER));
        InMemoryTransport[] wire = InMemoryTransport.pair(time);
        SimulatedBusSegment bus = SimulatedBusSegment.dsmr(time, wire[1]);
        for (int c = 1; c <= CHANNELS; c++) {
            bus.attach(meters.device(c));
        }
        meters.save();
        WiredLink link = new WiredLink(wire[0], time, LinkSettings.dsmr());
        await(time, link.open());
        P2Master master = new P2Master(link, time, store, event -> { }, MasterSettings.defaults());
        out.println("opened at " + time.now());

        boolean[] rekey = new boolean[CHANNELS + 1];
        for (int c = 1; c <= CHANNELS; c++) {
            Channel ch = Channel.of(c);
            if (store.channel(ch).binding().isEmpty()) {
                CommandResult r = await(time, master.bind(ch, new Binding.Wired(ADDRESS[c])));
                if (r.done()) {
                    out.println("bound ch=" + c);
                }
            }
            // a key that is only pending needs no new transfer: the first read promotes it if the meter took it
            rekey[c] = store.keys(ch).userKey().isEmpty() && store.keys(ch).pendingUserKey().isEmpty();
        }
        long lastSyncDay = -1;
        while (true) {
            // the next whole hour, 30 s in (the meter's clock may be a fraction of a second behind after a sync)
            Instant now = time.now();
            Instant next = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1)).plusSeconds(30);
            time.advance(Duration.between(now, next));
            long hour = time.now().getEpochSecond() / 3600;
            for (int c = 1; c <= CHANNELS; c++) {
                Channel ch = Channel.of(c);
                if (rekey[c] || hour % 5 == c) {
                    // a unique, rising key number: the virtual second, times the channels, plus the channel
                    long n = time.now().getEpochSecond() * 4 + c;
                    out.println("transferring ch=" + c + " key=" + n);
                    CommandResult r = await(time, master.transferKey(ch, KeyWrap.wrap(DEFAULT_KEY, userKey(n)), userKey(n)));
                    if (r.done()) {
                        out.println("keyTransferred ch=" + c + " key=" + n);
                        rekey[c] = false;
                    }
                }
                CommandResult r = await(time, master.read(ch));
                if (r.done()) {
                    ChannelState state = store.channel(ch);
                    HourlyValue h = state.lastHourlyValue().orElseThrow();
                    out.println("hourly ch=" + c + " t=" + h.captureTime().getEpochSecond() + " v=" + h.value().toPlainString());
                    out.println("fc ch=" + c + " n=" + state.lastValidatedFrameCounter().orElse(0) + " status=" + state.keyStatus()
                            + " encrypted=" + store.keys(ch).encrypts());
                } else {
                    out.println("rejected ch=" + c + " " + r.outcome());
                    rekey[c] = true; // the head-end's answer to a device it cannot read: a new key
                }
            }
            long day = hour / 24;
            if (day != lastSyncDay && hour % 24 == 3) {
                lastSyncDay = day;
                for (int c = 1; c <= CHANNELS; c++) {
                    CommandResult r = await(time, master.synchroniseClock(Channel.of(c)));
                    if (r.done()) {
                        out.println("clockSynced ch=" + c);
                    }
                }
            }
        }
    }

    /** Runs virtual time in 100 ms steps until {@code future} is done (at most ten virtual minutes). */
    static <T> T await(VirtualScheduler time, CompletableFuture<T> future) {
        for (int i = 0; i < 6000 && !future.isDone(); i++) {
            time.advance(Duration.ofMillis(100));
        }
        if (!future.isDone()) {
            throw new IllegalStateException("not done within ten virtual minutes");
        }
        return future.join();
    }

    /** The meters' non-volatile memory and the virtual clock, in one small properties file. */
    static final class Meters {
        final Path file;
        final Path temporary;
        final DsmrMeter[] meter = new DsmrMeter[CHANNELS + 1];
        final long[] keyNumber = new long[CHANNELS + 1];
        Instant now;
        VirtualScheduler time;
        private String saved = "";

        private Meters(Path folder) {
            this.file = folder.resolve(METERS_FILE);
            this.temporary = folder.resolve(METERS_FILE + ".tmp");
        }

        /** The meters as last written, or new ones (random frame counter and access number start) at T0. */
        static Meters load(Path folder) throws IOException {
            Meters m = new Meters(folder);
            Optional<Properties> p = read(m.file);
            m.now = p.map(x -> Instant.ofEpochMilli(Long.parseLong(x.getProperty("now")))).orElse(T0);
            for (int c = 1; c <= CHANNELS; c++) {
                DsmrMeter.Builder b = DsmrGasMeter.builder(shortId(c), register(c)).defaultKey(DEFAULT_KEY)
                        .primaryAddress(ADDRESS[c]).seed(ID[c]);
                if (p.isPresent()) {
                    Properties x = p.get();
                    m.keyNumber[c] = Long.parseLong(x.getProperty(c + ".key"));
                    b.frameCounter(Long.parseLong(x.getProperty(c + ".fc")))
                            .accessNumber(Integer.parseInt(x.getProperty(c + ".access")))
                            .status(Integer.parseInt(x.getProperty(c + ".status")))
                            .clockOffset(Duration.ofNanos(Long.parseLong(x.getProperty(c + ".offset"))))
                            .userKey(userKey(m.keyNumber[c]));
                }
                m.meter[c] = b.build();
            }
            return m;
        }

        static Optional<Properties> read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            return Optional.of(p);
        }

        /** Channel {@code c}'s meter, writing its memory after every answer that changed it. */
        SimulatedWiredDevice device(int c) {
            DsmrMeter m = meter[c];
            return new SimulatedWiredDevice() {
                @Override
                public int primaryAddress() {
                    return m.primaryAddress();
                }

                @Override
                public Optional<byte[]> answer(WiredFrame request, Instant at) {
                    Optional<byte[]> answer = m.answer(request, at);
                    boolean newKey = answer.isPresent() && tookKey(c, request);
                    save();
                    if (newKey) {
                        sleep(2); // the meter's slow memory write, before its ACK leaves
                    }
                    return answer;
                }

                @Override
                public String describe() {
                    return m.describe();
                }
            };
        }

        /** Whether the meter acknowledged a key exchange (P2 §6.5.1: CI 51h, DIF 07/47 FD 19); notes the key's number. */
        private boolean tookKey(int c, WiredFrame request) {
            if (!(request instanceof LongFrame l) || l.address() != ADDRESS[c]
                    || l.ci() != org.p2gate.master.command.CommandFrames.CI_UNENCRYPTED) {
                return false;
            }
            try {
                byte[] data = l.data();
                Optional<byte[]> wrapped = DsmrRecords.encryptedKeyOf(DataRecords.decode(data, 0, data.length));
                if (wrapped.isEmpty()) {
                    return false;
                }
                keyNumber[c] = keyNumber(KeyWrap.unwrap(DEFAULT_KEY, wrapped.get()));
                return true;
            } catch (DecodeException e) {
                return false;
            }
        }

        /** Writes the memory if it changed: temporary file, forced, then renamed over the old one. */
        void save() {
            StringBuilder s = new StringBuilder();
            Instant at = time.now();
            for (int c = 1; c <= CHANNELS; c++) {
                DsmrMeter m = meter[c];
                long offset = Duration.between(LocalDateTime.ofInstant(at, ZoneOffset.UTC), m.clock(at)).toNanos();
                s.append(c).append(".fc=").append(m.frameCounter()).append('\n')
                        .append(c).append(".access=").append(m.accessNumber()).append('\n')
                        .append(c).append(".status=").append(m.status()).append('\n')
                        .append(c).append(".offset=").append(offset).append('\n')
                        .append(c).append(".key=").append(keyNumber[c]).append('\n');
            }
            String state = s.toString();
            if (state.equals(saved)) {
                return;
            }
            byte[] bytes = ("now=" + at.toEpochMilli() + "\n" + state).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try (FileChannel f = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                f.write(java.nio.ByteBuffer.wrap(bytes));
                f.force(true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            saved = state;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
