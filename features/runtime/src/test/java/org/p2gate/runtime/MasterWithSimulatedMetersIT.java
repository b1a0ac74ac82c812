package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;
import org.p2gate.master.Channel;
import org.p2gate.master.CommandResult;
import org.p2gate.master.P2Master;

/**
 * The embedded default in OSGi: the simulated meters and the master, configured through Config
 * Admin as the runtime's conf/ files do; the master's service reads a simulated meter over the
 * in-memory M-Bus and its events reach Event Admin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MasterWithSimulatedMetersIT {

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return RuntimeBundleSet.options(symbolicName -> true, InFramework.testDir("master").resolve("conf"));
    }

    @Test
    public void theMasterReadsASimulatedMeterAndPublishesTheBindingEvent() throws Exception {
        List<Integer> codes = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topic = new Hashtable<>();
        topic.put(EventConstants.EVENT_TOPIC, "org/p2gate/master/*");
        context.registerService(EventHandler.class, event -> codes.add((Integer) event.getProperty("code")), topic);

        Dictionary<String, Object> simulator = new Hashtable<>();
        simulator.put("enabled", Boolean.TRUE);
        simulator.put("meters", new String[] {"gas@5", "water@6"});
        configAdmin.getConfiguration("org.p2gate.simulator", "?").update(simulator);
        Dictionary<String, Object> master = new Hashtable<>();
        master.put("wired.port", "simulator");
        master.put("wired.bindings", new String[] {"1=5"});
        master.put("store.folder", InFramework.testDir("master").resolve("store-" + System.nanoTime()).toString());
        configAdmin.getConfiguration("org.p2gate.master", "?").update(master);

        ServiceTracker<P2Master, P2Master> tracker = new ServiceTracker<>(context, P2Master.class, null);
        tracker.open();
        P2Master service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull("the master's service, once configured", service);

        CommandResult read = service.read(Channel.of(1)).get(60, TimeUnit.SECONDS);
        assertTrue(read.toString(), read.done());
        for (int i = 0; i < 100 && !codes.contains(105); i++) {
            Thread.sleep(50);
        }
        assertTrue("event 105 'new M-Bus device discovered' on channel 1: " + codes, codes.contains(105));

        // issue 16: a new poll interval is applied in place; the master's service (and with it the P3 server and its
        // head-end associations, which use it) is not restarted
        Object serviceId = tracker.getServiceReference().getProperty(Constants.SERVICE_ID);
        master.put("poll.interval.minutes", 15);
        configAdmin.getConfiguration("org.p2gate.master", "?").update(master);
        Thread.sleep(1_000);
        assertEquals("the same master service after the change", serviceId,
                tracker.getServiceReference().getProperty(Constants.SERVICE_ID));
        assertSame(service, tracker.getService());
        assertTrue(service.read(Channel.of(1)).get(60, TimeUnit.SECONDS).done());

        // issue 13: a channel bound while the master runs is read at once, not at the next whole hour
        master.put("wired.bindings", new String[] {"1=5", "2=6"});
        configAdmin.getConfiguration("org.p2gate.master", "?").update(master);
        for (int i = 0; i < 200 && service.channel(Channel.of(2)).lastHourlyValue().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertTrue("channel 2 read within 10 s of its binding: " + service.channel(Channel.of(2)),
                service.channel(Channel.of(2)).lastHourlyValue().isPresent());
        assertSame("bound in place", service, tracker.getService());
        tracker.close();
    }
}
