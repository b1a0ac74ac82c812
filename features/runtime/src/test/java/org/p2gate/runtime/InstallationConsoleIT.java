package org.p2gate.runtime;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.installation.Installation;

/**
 * Issue 8's operator entry points in the Felix runtime: the Gogo commands {@code installation:start|list|stop} run
 * through the runtime's own Gogo shell, on the master with simulated meters (the simulated wireless gas meter in
 * installation mode is listed as the E-meter's display shows it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InstallationConsoleIT {

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return RuntimeBundleSet.options(symbolicName -> true, InFramework.testDir("console").resolve("conf"));
    }

    @Test
    public void theInstallationCommandsStartListAndStopInstallationMode() throws Exception {
        // a virtual clock run fast by a thread of the test: a minute of the meter's SND_IR schedule in a fraction of a second
        Dictionary<String, Object> clock = new Hashtable<>();
        clock.put("mode", "virtual");
        clock.put("virtual.start", "2026-11-20T10:00:00Z");
        configAdmin.getConfiguration("org.p2gate.clock", "?").update(clock);
        VirtualScheduler time = waitFor(VirtualScheduler.class);
        assertNotNull("the virtual clock", time);
        Thread driver = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                time.advance(Duration.ofMillis(100));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "virtual time");
        driver.setDaemon(true);
        driver.start();
        try {
            runCommands();
        } finally {
            driver.interrupt();
        }
    }

    private void runCommands() throws Exception {
        Dictionary<String, Object> simulator = new Hashtable<>();
        simulator.put("enabled", Boolean.TRUE);
        simulator.put("meters", new String[] {"gas@5"});
        simulator.put("wireless.meters", new String[] {"31000101"});
        configAdmin.getConfiguration("org.p2gate.simulator", "?").update(simulator);
        Dictionary<String, Object> master = new Hashtable<>();
        master.put("wired.port", "simulator");
        master.put("wireless.port", "simulator");
        master.put("store.folder", InFramework.testDir("console").resolve("store-" + System.nanoTime()).toString());
        configAdmin.getConfiguration("org.p2gate.master", "?").update(master);
        assertNotNull("the installation service", waitFor(Installation.class));
        CommandProcessor processor = waitFor(CommandProcessor.class);
        assertNotNull("the runtime's Gogo shell", processor);

        // the master, installation and its commands may re-activate once as the configurations arrive: wait until the
        // shell knows the command
        String started = "";
        for (int i = 0; i < 100; i++) {
            try {
                started = run(processor, "installation:start");
                break;
            } catch (Exception notYet) {
                if (!notYet.getClass().getSimpleName().equals("CommandNotFoundException")) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
        assertTrue(started, started.startsWith("ok:") && started.contains("NORMAL -> INSTALLATION"));
        String again = run(processor, "installation:start");
        assertTrue("a second start is rejected with its reason: " + again, again.startsWith("rejected:"));

        String list = "";
        for (int i = 0; i < 300 && !list.contains("1000101"); i++) {
            Thread.sleep(50); // the simulated meter sends SND_IR every virtual minute
            list = run(processor, "installation:list");
        }
        assertTrue(list, list.contains("installation mode: INSTALLATION"));
        assertTrue("the display: the last 7 digits of the wireless meter in installation mode: " + list,
                list.contains("1000101"));

        String stopped = run(processor, "installation:stop");
        assertTrue(stopped, stopped.startsWith("ok:") && stopped.contains("INSTALLATION -> NORMAL"));
    }

    private <T> T waitFor(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
    }

    private static String run(CommandProcessor processor, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            CommandSession session = processor.createSession(InputStream.nullInputStream(), print, print);
            Object result = session.execute(command);
            session.close();
            return (result == null ? "" : result.toString()) + out.toString(StandardCharsets.UTF_8);
        }
    }
}
