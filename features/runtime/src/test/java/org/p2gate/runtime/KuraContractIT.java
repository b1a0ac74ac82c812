package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.p2gate.runtime.KuraSnapshot.Secret;

/**
 * Issue 14: Kura's contract on Kura's own runtime versions (-Pequinox: Equinox 3.16, Felix SCR 2.1.16, Equinox CM,
 * metatype and event, Deployment Admin 0.9.5; {@link KuraRuntime}). The .dp is installed through Deployment Admin and
 * configured the way Kura 5.4's ConfigurationService does it ({@link KuraConfigurationEmulator}): every p2gate
 * ConfigurableComponent carries service.pid as one String equal to its PID, the publisher component is named after its
 * PID with a reference named CloudPublisher, no attribute with an empty default is required, every PID an operator sets
 * has a marker; kura-config/snapshot_0.xml is applied, the P3 keys are given as Kura's ciphertext, the head-end
 * associates over P3, and an hourly value and an M-Bus event reach a Kura CloudPublisher, as metrics and JSON body.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraContractIT {

    private static final String NAME = "kura-contract";
    /** The PIDs a Kura operator sets; org.p2gate.clock is not one (Kura keeps mode = system; virtual is for tests). */
    private static final Set<String> OPERATOR_PIDS = Set.of("org.p2gate.master", "org.p2gate.p3",
            "org.p2gate.installation", "org.p2gate.cosem", "org.p2gate.kura.publisher");
    private static final Set<String> NOT_FOR_OPERATORS = Set.of("org.p2gate.clock");
    private static final String PUBLISHER_NAME = "p2gate-publisher";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private DeploymentAdmin deploymentAdmin;
    @Inject
    private ServiceComponentRuntime scr;
    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] config() {
        return KuraRuntime.options(NAME);
    }

    @Test
    public void theDeploymentPackageKeepsKurasContractOnKurasRuntime() throws Exception {
        assertTrue("Kura 5.4's SCR", InFramework.bySymbolicName(context, "org.apache.felix.scr").getVersion().toString()
                .startsWith("2.1.16"));
        KuraCrypto crypto = new KuraCrypto();
        context.registerService(CryptoService.class, crypto, null);
        RecordingCloudPublisher cloud = new RecordingCloudPublisher();
        Dictionary<String, Object> cloudProperties = new Hashtable<>();
        cloudProperties.put(KuraConfigurationEmulator.KURA_SERVICE_PID, PUBLISHER_NAME);
        context.registerService(CloudPublisher.class, cloud.service(), cloudProperties);

        DeploymentPackage installed = PackageInstall.installBuiltWithLateBundles(context, deploymentAdmin);
        List<Bundle> packageBundles = new ArrayList<>();
        for (BundleInfo info : installed.getBundleInfos()) {
            Bundle bundle = installed.getBundle(info.getSymbolicName());
            assertEquals(info.getSymbolicName(), "ACTIVE", InFramework.state(bundle.getState()));
            packageBundles.add(bundle);
        }
        GatewayOnDeploymentPackage gateway = new GatewayOnDeploymentPackage(context, configAdmin, deploymentAdmin, NAME);
        gateway.simulatedGasMeterOnVirtualClock();

        KuraConfigurationEmulator kura = new KuraConfigurationEmulator(context, configAdmin, metaType, crypto);
        for (Bundle bundle : packageBundles) {
            kura.registerMetatype(bundle);
        }
        everyMarkerCarriesItsPidAsOneString(kura);
        thePublisherComponentIsNamedAfterItsPidWithAReferenceNamedCloudPublisher();
        noAttributeWithAnEmptyDefaultIsRequired(kura);

        // System > Settings > Snapshots > Upload and Apply
        Map<String, Map<String, Object>> snapshot = KuraSnapshot.read(
                Path.of(System.getProperty("p2gate.root"), "kura-config", "snapshot_0.xml"));
        assertEquals("PIDs Kura ignores (no ConfigurableComponent)", List.of(), kura.updateConfigurations(snapshot));
        theSnapshotIsInConfigAdmin(snapshot);
        everyMarkerCarriesItsPidAsOneString(kura);

        // Services > org.p2gate.p3: the management keys typed into the Password fields
        assertEquals(List.of(), kura.updateConfigurations(Map.of("org.p2gate.p3", Map.of(
                "management.block.cipher.key", new Secret(GatewayOnDeploymentPackage.BLOCK_CIPHER_KEY),
                "management.authentication.key", new Secret(GatewayOnDeploymentPackage.AUTHENTICATION_KEY)))));
        String storedKey = (String) p3Property("management.authentication.key");
        assertTrue("stored as Kura's ciphertext base64(IV)-base64(AES-GCM)", storedKey.matches("[A-Za-z0-9+/=]+-[A-Za-z0-9+/=]+"));
        assertNotEquals(GatewayOnDeploymentPackage.AUTHENTICATION_KEY, storedKey);
        // the snapshot again: it leaves the keys out, so they stay
        everyMarkerCarriesItsPidAsOneString(kura);
        assertEquals(List.of(), kura.updateConfigurations(snapshot));
        assertEquals("the key after re-applying the snapshot", storedKey, p3Property("management.authentication.key"));

        // this bench instead of the snapshot's serial ports and port 4059; publishing checked every 10 s
        Map<String, Map<String, Object>> bench = new LinkedHashMap<>();
        bench.put("org.p2gate.master", Map.of("wired.port", "simulator", "wireless.port", "",
                "store.folder", gateway.dir().resolve("master").toString()));
        bench.put("org.p2gate.p3", Map.of("port", gateway.port(), "system.title", GatewayOnDeploymentPackage.SYSTEM_TITLE,
                "state.folder", gateway.dir().resolve("p3").toString()));
        bench.put("org.p2gate.kura.publisher", Map.of("check.interval.seconds", 10));
        everyMarkerCarriesItsPidAsOneString(kura); // the publisher restarted with the snapshot: Kura tracks it again
        assertEquals(List.of(), kura.updateConfigurations(bench));
        awaitMasterRestartedOn(gateway.dir().resolve("master"));

        // the keys open the P3 port: slave_install, the user key, the first encrypted hourly value
        gateway.installMeterKeyAndFirstValue();

        KuraMessage hourly = cloud.await(m -> "hourly".equals(m.getProperties().get("type")) && "2026-11-20T23:00:00Z"
                .equals(m.getPayload().getMetric("capture_time")), 60, "hourly value of 23:00");
        assertEquals(1, hourly.getProperties().get("channel"));
        // MeterSpec gas: 1000 l at its register origin and 250 l/h more
        String expected = SimulatedGas.volumeAt(Instant.parse("2026-11-20T23:00:00Z")).toPlainString();
        assertEquals(expected, hourly.getPayload().getMetric("value"));
        String body = RecordingCloudPublisher.body(hourly);
        assertTrue(body, body.startsWith("{\"type\":\"hourly\",\"channel\":1,\"value\":\"" + expected + "\","));
        assertTrue(body, body.contains("\"capture_time\":\"2026-11-20T23:00:00Z\""));
        // DSMR: 105 = new M-Bus device discovered on channel 1 (100 + 10 × 0 + 5)
        KuraMessage event = cloud.await(m -> "event".equals(m.getProperties().get("type"))
                && Integer.valueOf(105).equals(m.getPayload().getMetric("code")), 30, "M-Bus event 105");
        assertTrue(RecordingCloudPublisher.body(event), RecordingCloudPublisher.body(event)
                .matches("\\{\"type\":\"event\",\"channel\":1,\"code\":105,\"event\":\"[A-Z_]+\",\"time\":\"[-0-9T:.]+Z\"}"));
    }

    /** Config Admin restarts the master with the new store folder: wait until it runs there and its service is stable. */
    private void awaitMasterRestartedOn(Path store) throws InterruptedException {
        Object previous = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            ServiceReference<?> master = context.getServiceReference("org.p2gate.master.P2Master");
            Object id = master == null ? null : master.getProperty("service.id");
            if (id != null && id.equals(previous) && Files.isDirectory(store)) {
                return;
            }
            previous = id;
            Thread.sleep(200);
        }
        throw new AssertionError("the master did not restart on " + store);
    }

    /** Kura tracks a ConfigurableComponent under kura.service.pid with service.pid, each one String, the same PID. */
    private void everyMarkerCarriesItsPidAsOneString(KuraConfigurationEmulator kura) throws Exception {
        Map<String, String> expected = OPERATOR_PIDS.stream().collect(Collectors.toMap(p -> p, p -> p, (a, b) -> a, TreeMap::new));
        Map<String, String> tracked = Map.of();
        for (int attempt = 0; attempt < 100 && !tracked.equals(expected); attempt++) {
            Thread.sleep(100);
            tracked = p2gateOnly(kura.trackedComponents());
        }
        assertEquals("kura.service.pid → service.pid as Kura reads them", expected, tracked);
        for (ServiceReference<?> ref : context.getServiceReferences(ConfigurableComponent.class.getName(), null)) {
            Object servicePid = ref.getProperty("service.pid");
            Object kuraPid = ref.getProperty(KuraConfigurationEmulator.KURA_SERVICE_PID);
            if (String.valueOf(kuraPid).startsWith("org.p2gate.")) {
                assertTrue("service.pid of " + kuraPid + " is one String: " + describe(servicePid),
                        servicePid instanceof String);
                assertEquals(kuraPid, servicePid);
            }
        }
        Set<String> operatorPids = new TreeSet<>(kura.ocdPids());
        operatorPids.removeAll(NOT_FOR_OPERATORS);
        assertEquals("every PID of the package's metatype that an operator sets has a ConfigurableComponent",
                operatorPids, tracked.keySet());
    }

    private static Map<String, String> p2gateOnly(Map<String, String> tracked) {
        return tracked.entrySet().stream().filter(e -> String.valueOf(e.getKey()).startsWith("org.p2gate."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static String describe(Object value) {
        return value instanceof Object[] array ? Arrays.toString(array) + " (an array)" : String.valueOf(value);
    }

    /** Kura's web UI offers CloudPublisher.target targets for the DS component whose name is the PID. */
    private void thePublisherComponentIsNamedAfterItsPidWithAReferenceNamedCloudPublisher() {
        ComponentDescriptionDTO publisher = scr.getComponentDescriptionDTO(
                InFramework.bySymbolicName(context, "org.p2gate.kura"), "org.p2gate.kura.publisher");
        assertNotNull("a DS component named org.p2gate.kura.publisher", publisher);
        assertTrue(Arrays.toString(publisher.configurationPid),
                Arrays.asList(publisher.configurationPid).contains("org.p2gate.kura.publisher"));
        assertTrue("a reference named CloudPublisher", Stream.of(publisher.references)
                .anyMatch(r -> r.name.equals("CloudPublisher") && r.interfaceName.equals(CloudPublisher.class.getName())));
    }

    /** Kura's web UI treats an attribute without required="false" as required: none with an empty default may be. */
    private static void noAttributeWithAnEmptyDefaultIsRequired(KuraConfigurationEmulator kura) {
        List<String> required = new ArrayList<>();
        for (String pid : kura.ocdPids()) {
            AttributeDefinition[] ads = kura.ocd(pid).getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
            for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
                String[] defaults = ad.getDefaultValue();
                if (defaults == null || defaults.length == 0 || Stream.of(defaults).allMatch(String::isEmpty)) {
                    required.add(pid + " " + ad.getID());
                }
            }
        }
        assertEquals("required attributes whose default is empty", List.of(), required);
        assertTrue("the metatype of the package's PIDs was read: " + kura.ocdPids(),
                kura.ocdPids().containsAll(OPERATOR_PIDS));
    }

    private void theSnapshotIsInConfigAdmin(Map<String, Map<String, Object>> snapshot) throws Exception {
        for (Map.Entry<String, Map<String, Object>> pid : snapshot.entrySet()) {
            Map<String, Object> stored = KuraConfigurationEmulator.toMap(
                    configAdmin.getConfiguration(pid.getKey(), "?").getProperties());
            for (Map.Entry<String, Object> property : pid.getValue().entrySet()) {
                Object value = stored.get(property.getKey());
                assertTrue(pid.getKey() + " " + property.getKey() + " = " + describe(value),
                        Arrays.deepEquals(new Object[] {property.getValue()}, new Object[] {value}));
            }
        }
        assertEquals("/dev/ttyUSB0", KuraConfigurationEmulator.toMap(
                configAdmin.getConfiguration("org.p2gate.master", "?").getProperties()).get("wired.port"));
    }

    private Object p3Property(String name) throws Exception {
        return configAdmin.getConfiguration("org.p2gate.p3", "?").getProperties().get(name);
    }
}
