package org.p2gate.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.MBusEvent;

/**
 * DESIGN "Durability", issue 5 "Crash safety": a child JVM ({@link StoreCrashWorker}) changes the store
 * as fast as it can and is killed with SIGKILL after a random number of committed steps, 50 times on
 * the same folder; after each kill the store is opened here and everything the worker reported
 * committed must be there, exactly, with no frame counter gone back and nothing corrupt.
 */
class StoreCrashTest {

    private static final int ROUNDS = 50;

    @TempDir
    Path folder;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everythingReportedCommittedSurvivesSigkillFiftyTimes() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path data = folder.resolve("data");
        long previousCounter = 0;
        TreeSet<Long> reportedHours = new TreeSet<>();
        TreeSet<Long> reportedEvents = new TreeSet<>();
        long lastKeys = -1;
        List<String> rounds = new ArrayList<>();
        List<Integer> killedAt = new ArrayList<>();
        int ahead = 0;
        int keysAnnounced = 0;
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 1 + random.nextInt(60);
            Process worker = start(data, round);
            Reports reports = new Reports();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while (reports.committed < killAfter && (line = lines.readLine()) != null) {
                    reports.read(line);
                }
                if (reports.committed < killAfter) {
                    worker.waitFor(5, TimeUnit.SECONDS);
                    fail("round " + round + ": the worker ended after " + reports.committed + " commits, exit "
                            + worker.exitValue() + ": " + Files.readString(errors(round)));
                }
                if (random.nextBoolean()) {
                    Thread.sleep(0, random.nextInt(999_999)); // land somewhere else in the worker's loop
                }
                // SIGKILL on Linux; through the handle, which (unlike Process.destroyForcibly) leaves the pipe open to read
                worker.toHandle().destroyForcibly();
                assertTrue(worker.waitFor(10, TimeUnit.SECONDS), "the killed worker ends");
                // what it printed before it died was committed too
                while ((line = lines.readLine()) != null) {
                    reports.read(line);
                }
            } finally {
                worker.destroyForcibly();
            }
            long reportedCounter = reports.counter;
            long writingKeys = reports.writingKeys;
            reportedHours.addAll(reports.hours);
            lastKeys = Math.max(lastKeys, reports.keys);
            reportedEvents.addAll(reports.events);
            killedAt.add(reports.committed);

            try (MvStoreMasterStore store = MvStoreMasterStore.open(data)) {
                Channel channel = StoreCrashWorker.CHANNEL;
                long counter = store.channel(channel).lastValidatedFrameCounter().orElse(0);
                assertTrue(counter >= reportedCounter, "round " + round + ": frame counter " + counter
                        + " is below the reported " + reportedCounter);
                assertTrue(counter >= previousCounter, "round " + round + ": frame counter went back from " + previousCounter
                        + " to " + counter);
                previousCounter = counter;
                if (counter > reportedCounter) {
                    ahead++; // killed between a commit and its report: committed, unreported, kept
                }

                List<HourlyValue> values = store.hourlyValues(channel, Instant.MIN, Instant.MAX);
                if (values.isEmpty()) {
                    // killed before the first hourly value was committed
                    assertTrue(reportedHours.isEmpty(), "round " + round + ": reported hourly values are missing");
                } else {
                    long firstHour = hourOf(values.get(0));
                    for (int i = 0; i < values.size(); i++) {
                        assertEquals(StoreCrashWorker.hourlyValue(firstHour + i), values.get(i),
                                "round " + round + ": hourly values are contiguous, each once with its exact value");
                    }
                    long newestHour = hourOf(values.get(values.size() - 1));
                    if (!reportedHours.isEmpty()) {
                        assertTrue(newestHour >= reportedHours.last(), "round " + round + ": the reported hour "
                                + reportedHours.last() + " is missing (newest " + newestHour + ")");
                    }
                    for (long hour : reportedHours.tailSet(firstHour)) {
                        assertEquals(StoreCrashWorker.hourlyValue(hour), values.get((int) (hour - firstHour)));
                    }
                    assertTrue(firstHour <= Math.max(0, newestHour - 14 * 24), "round " + round + ": 14 days kept");
                }

                ChannelKeys keys = store.keys(channel);
                if (lastKeys < 0 && writingKeys < 0) {
                    assertEquals(ChannelKeys.NONE, keys);
                } else {
                    // killed while the first keys were being written, before their commit: still none
                    boolean none = lastKeys < 0 && keys.equals(ChannelKeys.NONE);
                    boolean reported = none || lastKeys >= 0 && keys.equals(Fixtures.keys(lastKeys));
                    boolean announced = writingKeys > lastKeys && keys.equals(Fixtures.keys(writingKeys));
                    if (announced) {
                        keysAnnounced++; // killed after the keys were committed but before it said so
                    }
                    assertTrue(reported || announced, "round " + round + ": the keys are neither the committed keys "
                            + lastKeys + " nor the announced " + writingKeys);
                    if (announced) {
                        // committed, though never reported: from now on they are the keys to find
                        lastKeys = writingKeys;
                    }
                }

                // a kill between a step's frame counter and its event skips that event for good (the next run goes on
                // from the stored counter): events rise, each once, and every reported one still in the log is there
                List<MBusEvent> events = store.events(10_000);
                TreeSet<Long> stored = new TreeSet<>();
                for (MBusEvent event : events) {
                    long number = event.time().getEpochSecond() - Fixtures.T0.getEpochSecond();
                    assertTrue(stored.isEmpty() || number > stored.last(), "round " + round + ": events in order, each once");
                    assertEquals(0, number % 3, "round " + round + ": event " + number + " was never written");
                    stored.add(number);
                }
                if (!reportedEvents.isEmpty()) {
                    assertTrue(stored.containsAll(reportedEvents.tailSet(stored.first())), "round " + round
                            + ": a reported event is missing");
                    assertTrue(stored.last() >= reportedEvents.last(), "round " + round + ": the newest reported event is missing");
                }
                for (Channel other : Channel.ALL) { // every entry readable
                    store.channel(other);
                    store.keys(other);
                    store.hourlyValues(other, Instant.MIN, Instant.MAX);
                }
                rounds.add(reports.committed + "/" + counter);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("StoreCrashTest: " + ROUNDS + " rounds in " + millis + " ms (seed " + seed + "), killed after (reported commits / frame counter) "
                + rounds + "; the store held an unreported frame counter after " + ahead + " kills and unreported keys after " + keysAnnounced
                + "; store file " + Files.size(data.resolve(MvStoreMasterStore.STORE_FILE)) + " bytes");
    }

    private Process start(Path data, int round) throws IOException {
        return org.p2gate.master.ChildJvm.start(StoreCrashWorker.class, "64m", data, errors(round));
    }

    private Path errors(int round) {
        return folder.resolve("worker-" + round + ".err");
    }

    private static long hourOf(HourlyValue value) {
        return (value.captureTime().getEpochSecond() - Fixtures.T0.getEpochSecond()) / 3600;
    }

    /** What the worker printed: each line is printed after the change it names was committed. */
    private static final class Reports {
        int committed;
        long counter = -1;
        long writingKeys = -1;
        long keys = -1;
        final List<Long> events = new ArrayList<>();
        final List<Long> hours = new ArrayList<>();

        void read(String line) {
            if (line.startsWith("committed fc=")) {
                counter = number(line);
            } else if (line.startsWith("committed hourly=")) {
                hours.add(number(line));
            } else if (line.startsWith("writing keys=")) {
                writingKeys = number(line);
            } else if (line.startsWith("committed keys=")) {
                keys = number(line);
            } else if (line.startsWith("committed event=")) {
                events.add(number(line));
            }
            if (line.startsWith("committed ")) {
                committed++;
            }
        }
    }

    private static long number(String line) {
        return Long.parseLong(line.substring(line.indexOf('=') + 1));
    }
}
