package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.store.MvStoreMasterStore;
import org.p2gate.master.store.StoreSettings;

/**
 * Issue 5 "Crash safety", DESIGN "Durability": the master in a child JVM ({@link MasterCrashWorker}:
 * P2Master on the on-disk store, two simulated DSMR gas meters, hours of virtual time) is killed with
 * SIGKILL at random moments — after a random number of acknowledged steps, or right after it announced a
 * key transfer — and restarted on the same folder, 50 times. After each kill the store is opened here:
 * nothing bound is lost, no validated frame counter went back or fell below one the master reported, the
 * hourly values are each there once, exactly the meter's register at their capture time, every reported one
 * among them, the newest one the channel shows is in the history, a key transfer reported done left
 * its user key in the store (or a newer one whose transfer had begun), the meter's key is the stored user
 * key or the pending one, and no read is rejected after a restart.
 */
class MasterCrashTest {

    private static final int ROUNDS = 50;

    @TempDir
    Path folder;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void nothingAcknowledgedIsLostWhenTheMasterIsKilledFiftyTimes() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path data = folder.resolve("data");
        Files.createDirectories(data);
        int channels = MasterCrashWorker.CHANNELS;
        Set<Integer> bound = new HashSet<>();
        long[] reportedCounter = new long[channels + 1];
        long[] storedCounter = new long[channels + 1];
        long[] doneKey = new long[channels + 1];
        List<Set<Long>> announcedKeys = new ArrayList<>();
        List<TreeMap<Long, BigDecimal>> reportedHours = new ArrayList<>();
        for (int c = 0; c <= channels; c++) {
            announcedKeys.add(new HashSet<>());
            reportedHours.add(new TreeMap<>());
        }
        List<String> kills = new ArrayList<>();
        int midTransfer = 0;
        int aimedAtTransfer = 0;
        int rejectedReads = 0;
        int ahead = 0;
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            boolean atTransfer = random.nextInt(3) == 0;
            int killAfter = atTransfer ? 1 + random.nextInt(2) : 1 + random.nextInt(30);
            Process worker = start(data, round);
            Reports reports = new Reports(channels);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((atTransfer ? reports.transferring : reports.milestones) < killAfter && (line = lines.readLine()) != null) {
                    reports.read(line);
                }
                if ((atTransfer ? reports.transferring : reports.milestones) < killAfter) {
                    worker.waitFor(5, TimeUnit.SECONDS);
                    fail("round " + round + ": the worker ended early, exit " + worker.exitValue() + ": "
                            + Files.readString(errors(round)));
                }
                if (atTransfer) {
                    aimedAtTransfer++;
                    busyWait(random.nextInt(3000)); // 0..3 ms: before, while or after the meter takes the key
                } else if (random.nextBoolean()) {
                    Thread.sleep(0, random.nextInt(999_999));
                }
                worker.toHandle().destroyForcibly(); // SIGKILL; the pipe stays readable
                assertTrue(worker.waitFor(10, TimeUnit.SECONDS), "the killed worker ends");
                while ((line = lines.readLine()) != null) {
                    reports.read(line); // printed before it died: acknowledged too
                }
            } finally {
                worker.destroyForcibly();
            }
            bound.addAll(reports.bound);
            rejectedReads += reports.rejected;
            for (int c = 1; c <= channels; c++) {
                reportedCounter[c] = Math.max(reportedCounter[c], reports.counter[c]);
                reportedHours.get(c).putAll(reports.hours.get(c));
                if (reports.doneKey[c] > 0) {
                    doneKey[c] = reports.doneKey[c];
                    long done = reports.doneKey[c];
                    announcedKeys.get(c).removeIf(n -> n <= done);
                }
                for (long n : reports.announced.get(c)) {
                    if (n > doneKey[c]) {
                        announcedKeys.get(c).add(n);
                    }
                }
            }
            assertTrue(reports.problems.isEmpty(), "round " + round + ": " + reports.problems);

            Properties meters = MasterCrashWorker.Meters.read(data.resolve(MasterCrashWorker.METERS_FILE)).orElseThrow();
            StringBuilder kill = new StringBuilder().append(atTransfer ? "T" : "").append(reports.milestones);
            try (MvStoreMasterStore store = MvStoreMasterStore.open(data.resolve(MasterCrashWorker.STORE_FOLDER))) {
                for (int c = 1; c <= channels; c++) {
                    String where = "round " + round + ", channel " + c + ": ";
                    Channel ch = Channel.of(c);
                    ChannelState state = store.channel(ch);
                    if (bound.contains(c)) {
                        assertEquals(java.util.Optional.of(new Binding.Wired(MasterCrashWorker.ADDRESS[c])), state.binding(),
                                where + "a reported binding is lost");
                    }

                    long counter = state.lastValidatedFrameCounter().orElse(0);
                    assertTrue(counter >= reportedCounter[c], where + "the validated frame counter " + counter
                            + " is below the reported " + reportedCounter[c]);
                    assertTrue(counter >= storedCounter[c], where + "the validated frame counter went back from "
                            + storedCounter[c] + " to " + counter);
                    long meterCounter = Long.parseLong(meters.getProperty(c + ".fc"));
                    assertTrue(counter <= meterCounter, where + "the master validated " + counter
                            + ", more than the meter ever used (" + meterCounter + ")");
                    if (counter > reportedCounter[c] && counter > storedCounter[c]) {
                        ahead++;
                    }
                    storedCounter[c] = counter;

                    List<HourlyValue> values = store.hourlyValues(ch, Instant.MIN, Instant.MAX);
                    Instant previous = Instant.MIN;
                    Map<Long, HourlyValue> byTime = new HashMap<>();
                    for (HourlyValue v : values) {
                        assertTrue(v.captureTime().isAfter(previous), where + "capture time " + v.captureTime() + " twice or out of order");
                        previous = v.captureTime();
                        assertEquals(0, v.captureTime().getEpochSecond() % 3600, where + "not a whole hour: " + v);
                        assertEquals(MasterCrashWorker.expectedValue(c, v.captureTime()), v.value(),
                                where + "the value at " + v.captureTime() + " is not the meter's register");
                        assertEquals(-3, v.scaler(), where + "scaler");
                        byTime.put(v.captureTime().getEpochSecond(), v);
                    }
                    if (!values.isEmpty()) {
                        Instant oldestKept = values.get(values.size() - 1).captureTime().minus(StoreSettings.DEFAULTS.hourlyRetention())
                                .plus(Duration.ofDays(1));
                        for (Map.Entry<Long, BigDecimal> reported : reportedHours.get(c).tailMap(oldestKept.getEpochSecond()).entrySet()) {
                            HourlyValue stored = byTime.get(reported.getKey());
                            assertTrue(stored != null, where + "the reported hourly value at "
                                    + Instant.ofEpochSecond(reported.getKey()) + " is missing");
                            assertEquals(reported.getValue(), stored.value(), where + "reported and stored differ");
                        }
                    } else {
                        assertTrue(reportedHours.get(c).isEmpty(), where + "reported hourly values are missing");
                    }
                    if (state.lastHourlyValue().isPresent()) {
                        HourlyValue last = state.lastHourlyValue().get();
                        assertEquals(last, byTime.get(last.captureTime().getEpochSecond()),
                                where + "the channel's newest hourly value is not in the history");
                    }

                    long storedKey = store.keys(ch).userKey().map(MasterCrashWorker::keyNumber).orElse(0L);
                    if (doneKey[c] > 0 || !announcedKeys.get(c).isEmpty()) {
                        // the last key reported transferred (none: 0), or one whose transfer began after it
                        assertTrue(storedKey == doneKey[c] || announcedKeys.get(c).contains(storedKey),
                                where + "the stored user key is key " + storedKey + ", not the one reported transferred ("
                                        + doneKey[c] + ") nor one announced after it " + announcedKeys.get(c));
                    }
                    long meterKey = Long.parseLong(meters.getProperty(c + ".key"));
                    if (meterKey != storedKey) {
                        // the meter took a key the master had not committed as the user key: it must be the pending one
                        // (committed before it was sent), which the next read promotes
                        midTransfer++;
                        kill.append("/k").append(c);
                        long pendingKey = store.keys(ch).pendingUserKey().map(MasterCrashWorker::keyNumber).orElse(-1L);
                        assertEquals(meterKey, pendingKey, where + "the meter has key " + meterKey + ", the store neither as"
                                + " user key (" + storedKey + ") nor as pending key (" + pendingKey + ")");
                    }
                }
                for (Channel other : Channel.ALL) {
                    store.channel(other);
                    store.keys(other);
                }
            }
            kills.add(kill.toString());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int hours = reportedHours.get(1).size();
        System.out.println("MasterCrashTest: " + ROUNDS + " rounds in " + millis + " ms (seed " + seed + "); killed after "
                + "(T = aimed at a key transfer; milestones; /kc = the meter of channel c had a key the store had not) " + kills
                + "; " + aimedAtTransfer + " kills aimed at key transfers, " + midTransfer + " landed between the meter taking "
                + "the key and the master committing it as the user key (it was pending), " + rejectedReads
                + " reads rejected after restarts, "
                + ahead + " times the store held an unreported frame counter; " + hours + " hourly values reported on channel 1; "
                + "validated frame counters " + storedCounter[1] + ", " + storedCounter[2]);
        assertTrue(hours >= ROUNDS / 4, "the worker made progress across restarts: " + hours);
        // the key transfer commits the new key as pending before sending it: no kill leaves the meter with a key the
        // restarted master cannot validate, so no read is rejected (before that, each such kill cost rejected reads)
        assertEquals(0, rejectedReads, "reads rejected after restarts; kills " + kills);
    }

    private static void busyWait(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private Process start(Path data, int round) throws IOException {
        return ChildJvm.start(MasterCrashWorker.class, "96m", data, errors(round));
    }

    private Path errors(int round) {
        return folder.resolve("worker-" + round + ".err");
    }

    /** What the worker printed: each milestone after the master acknowledged it. */
    private static final class Reports {
        int milestones;
        int transferring;
        int rejected;
        final Set<Integer> bound = new HashSet<>();
        final long[] counter;
        final long[] doneKey;
        final List<Set<Long>> announced = new ArrayList<>();
        final List<TreeMap<Long, BigDecimal>> hours = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Reports(int channels) {
            counter = new long[channels + 1];
            doneKey = new long[channels + 1];
            for (int c = 0; c <= channels; c++) {
                announced.add(new HashSet<>());
                hours.add(new TreeMap<>());
            }
        }

        void read(String line) {
            String[] words = line.split(" ");
            if (words.length < 2 || !words[1].startsWith("ch=")) {
                return; // "opened at …"
            }
            int c = Integer.parseInt(value(words[1]));
            switch (words[0]) {
                case "bound" -> bound.add(c);
                case "transferring" -> {
                    announced.get(c).add(Long.parseLong(value(words[2])));
                    transferring++;
                    return;
                }
                case "keyTransferred" -> doneKey[c] = Long.parseLong(value(words[2]));
                case "hourly" -> {
                    long t = Long.parseLong(value(words[2]));
                    BigDecimal v = new BigDecimal(value(words[3]));
                    if (!v.equals(MasterCrashWorker.expectedValue(c, Instant.ofEpochSecond(t)))) {
                        problems.add("reported a wrong value: " + line);
                    }
                    hours.get(c).put(t, v);
                }
                case "fc" -> {
                    long n = Long.parseLong(value(words[2]));
                    if (n < counter[c]) {
                        problems.add("the reported frame counter went back: " + line);
                    }
                    counter[c] = Math.max(counter[c], n);
                    // a read accepted in mode 15 means the user key is in use (COSEM encryption_key_status 4)
                    if (words[4].equals("encrypted=true") && !words[3].equals("status=ENCRYPTION_KEY_IN_USE")) {
                        problems.add("an encrypted read did not leave the key 'in use': " + line);
                    }
                }
                case "rejected" -> {
                    rejected++;
                    return;
                }
                default -> {
                    // clockSynced and anything new count as milestones
                }
            }
            milestones++;
        }
    }

    private static String value(String word) {
        return word.substring(word.indexOf('=') + 1);
    }
}
