package org.p2gate.kura.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The DS descriptions bnd wrote: Kura 5.4's ConfigurationService manages a PID only when a ConfigurableComponent
 * service carries service.pid and kura.service.pid, each one String equal to it. The component declares only
 * kura.service.pid and receives the PID's configuration, from which Config Admin supplies service.pid: a declared
 * service.pid as well becomes a list [declared, configured] under Felix SCR 2.1.16 (issue 14). On Kura's own runtime
 * versions: features/runtime KuraContractIT.
 */
class ComponentDescriptionTest {

    @ParameterizedTest(name = "{0} registers as ConfigurableComponent with kura.service.pid {1}, service.pid from Config Admin")
    @CsvSource({
            "org.p2gate.kura.configurable.MasterConfigurable, org.p2gate.master",
            "org.p2gate.kura.configurable.P3Configurable, org.p2gate.p3",
            "org.p2gate.kura.configurable.InstallationConfigurable, org.p2gate.installation",
            "org.p2gate.kura.configurable.CosemConfigurable, org.p2gate.cosem",
            "org.p2gate.kura.publish.KuraPublisherComponent, org.p2gate.kura.publisher" })
    void configurableComponentDeclaresKuraServicePidAndLeavesServicePidToConfigAdmin(String component, String pid) throws Exception {
        // bnd names the descriptor after the component: the class, or the PID for the publisher (named after it)
        Path xml = descriptor(component.endsWith("KuraPublisherComponent") ? pid : component);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(xml.toFile());
        Element root = doc.getDocumentElement();
        assertEquals(pid, root.getAttribute("configuration-pid"));
        assertEquals("optional", root.getAttribute("configuration-policy"));
        if (!component.endsWith("KuraPublisherComponent")) {
            assertEquals("modified", root.getAttribute("modified"),
                    "a new configuration keeps the marker registered, so Kura keeps tracking the PID");
        }
        assertTrue(root.getNamespaceURI().endsWith("v1.3.0") || root.getNamespaceURI().endsWith("v1.4.0"),
                "DS 1.4 or older (Kura 5.4 ships Felix SCR 2.1.16): " + root.getNamespaceURI());

        Map<String, String> properties = new HashMap<>();
        NodeList props = doc.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            properties.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertFalse(properties.containsKey("service.pid"), "service.pid declared: " + properties);
        assertEquals(pid, properties.get("kura.service.pid"));

        List<String> provides = new ArrayList<>();
        NodeList provide = doc.getElementsByTagName("provide");
        for (int i = 0; i < provide.getLength(); i++) {
            provides.add(((Element) provide.item(i)).getAttribute("interface"));
        }
        assertTrue(provides.contains("org.eclipse.kura.configuration.ConfigurableComponent"), "provides " + provides);
        assertTrue(Class.forName("org.eclipse.kura.configuration.ConfigurableComponent")
                .isAssignableFrom(Class.forName(component)));
    }

    @ParameterizedTest
    @CsvSource({ "CloudPublisher.target, (kura.service.pid=changeme)" })
    void publisherDefaultsAreInert(String name, String value) throws Exception {
        Path xml = descriptor("org.p2gate.kura.publisher");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document doc = factory.newDocumentBuilder().parse(xml.toFile());
        assertEquals("org.p2gate.kura.publisher", doc.getDocumentElement().getAttribute("name"),
                "Kura's web UI picks the CloudPublisher target of the DS component named like the PID");
        NodeList references = doc.getElementsByTagName("reference");
        boolean found = false;
        for (int i = 0; i < references.getLength(); i++) {
            Element r = (Element) references.item(i);
            if (r.getAttribute("name").equals("CloudPublisher")) {
                found = true;
                assertEquals("0..1", r.getAttribute("cardinality"), "the component runs without a publisher");
            }
        }
        assertTrue(found, "the reference is named CloudPublisher, so CloudPublisher.target sets its target");
        NodeList props = doc.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals(name)) {
                assertEquals(value, p.getAttribute("value"));
                return;
            }
        }
        throw new AssertionError("no default for " + name);
    }

    private static Path descriptor(String componentName) {
        return Path.of(System.getProperty("p2gate.classes", "target/classes"), "OSGI-INF", componentName + ".xml");
    }
}
