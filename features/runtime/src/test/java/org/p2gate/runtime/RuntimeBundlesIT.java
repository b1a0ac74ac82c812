package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration.ConfigurationAttribute;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The runtime's bundle set on Felix: everything resolves and runs, the OSGi services do their part. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBundlesIT {

    private static final String LOG_BRIDGE_PID = "org.p2gate.logbridge";

    @Inject
    private BundleContext context;
    @Inject
    private LogReaderService logReader;
    @Inject
    private ServiceComponentRuntime scr;
    @Inject
    private MetaTypeService metaType;
    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return RuntimeBundleSet.options(symbolicName -> true, confDir());
    }

    private static Path confDir() {
        return InFramework.testDir("runtime-bundles").resolve("conf");
    }

    @Test
    public void everyBundleOfTheRuntimeIsActive() {
        Map<String, Boolean> runtime = InFramework.expectedBundles(context);
        List<String> problems = new ArrayList<>();
        runtime.forEach((symbolicName, fragment) -> {
            Bundle bundle = bySymbolicName(symbolicName);
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle == null) {
                problems.add(symbolicName + " is not installed");
            } else if (bundle.getState() != expected) {
                problems.add(symbolicName + " is " + InFramework.state(bundle.getState()));
            }
        });
        assertEquals("runtime bundles not running", List.of(), problems);
        assertTrue("the gateway bundles are part of the runtime: " + runtime.keySet(),
                runtime.keySet().containsAll(InFramework.GATEWAY_BUNDLES));
        assertTrue("the OSGi services the runtime promises: " + runtime.keySet(), runtime.keySet().containsAll(List.of(
                "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.metatype",
                "org.apache.felix.eventadmin", "org.apache.felix.fileinstall", "org.apache.felix.deploymentadmin",
                "org.apache.felix.log", "bcprov", "org.p2gate.logbridge")));
    }

    @Test
    public void noErrorIsLogged() {
        // every Log Service's history: Felix Log's here, and on Equinox (-Pequinox) the framework's own as well
        List<LogEntry> history = new java.util.ArrayList<>(Collections.list(logReader.getLog()));
        try {
            for (org.osgi.framework.ServiceReference<LogReaderService> ref : context.getServiceReferences(LogReaderService.class, null)) {
                LogReaderService reader = context.getService(ref);
                if (reader != null && reader != logReader) {
                    history.addAll(Collections.list(reader.getLog()));
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertTrue("the log history reaches back to the start of the runtime's bundles: " + history.stream().limit(5)
                .map(RuntimeBundlesIT::describe).toList() + " ... " + history.size() + " entries",
                history.stream().anyMatch(entry -> entry.getBundle().getSymbolicName().equals("org.p2gate.mbus")
                        && entry.getMessage().equals("BundleEvent STARTED")));
        List<String> errors = history.stream()
                .filter(entry -> entry.getLogLevel() == LogLevel.ERROR || entry.getLogLevel() == LogLevel.AUDIT)
                .map(RuntimeBundlesIT::describe)
                .collect(Collectors.toList());
        assertEquals("errors in the OSGi log", List.of(), errors);
    }

    @Test
    public void logBridgeComponentIsActive() {
        Bundle bridge = bySymbolicName("org.p2gate.logbridge");
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bridge, "org.p2gate.logbridge.LogBridge");
        assertNotNull("the log bridge's component description (from its DS annotations)", description);
        List<Integer> states = scr.getComponentConfigurationDTOs(description).stream()
                .map(c -> c.state).collect(Collectors.toList());
        assertEquals(List.of(ComponentConfigurationDTO.ACTIVE), states);
    }

    @Test
    public void logBridgeConfigurationIsDescribedByMetatype() {
        Bundle bridge = bySymbolicName("org.p2gate.logbridge");
        ObjectClassDefinition ocd = metaType.getMetaTypeInformation(bridge).getObjectClassDefinition(LOG_BRIDGE_PID, null);
        AttributeDefinition[] attributes = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        assertEquals(1, attributes.length);
        assertEquals("level", attributes[0].getID());
        assertEquals("WARN", attributes[0].getDefaultValue()[0]);
        assertEquals(List.of("ERROR", "WARN", "INFO", "DEBUG"), List.of(attributes[0].getOptionValues()));
    }

    @Test
    public void fileInstallAppliesACfgFileFromTheConfigurationFolder() throws Exception {
        Path cfg = confDir().resolve(LOG_BRIDGE_PID + ".cfg");
        Files.writeString(cfg, "level=DEBUG\n");
        try {
            Object level = null;
            for (int attempt = 0; attempt < 100 && !"DEBUG".equals(level); attempt++) {
                Thread.sleep(100);
                var configurations = configAdmin.listConfigurations("(service.pid=" + LOG_BRIDGE_PID + ")");
                level = configurations == null ? null : configurations[0].getProperties().get("level");
            }
            assertEquals("the log bridge's configuration, from " + cfg, "DEBUG", level);
            var configuration = configAdmin.getConfiguration(LOG_BRIDGE_PID, "?");
            assertTrue("File Install marks nothing read-only", !configuration.getAttributes().contains(ConfigurationAttribute.READ_ONLY));
        } finally {
            Files.delete(cfg);
        }
    }

    private Bundle bySymbolicName(String symbolicName) {
        return InFramework.bySymbolicName(context, symbolicName);
    }

    private static String describe(LogEntry entry) {
        return entry.getBundle().getSymbolicName() + ": " + entry.getMessage()
                + (entry.getException() == null ? "" : " (" + entry.getException() + ")");
    }
}
