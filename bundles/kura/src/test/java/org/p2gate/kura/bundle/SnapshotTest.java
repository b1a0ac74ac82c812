package org.p2gate.kura.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * kura-config/snapshot_0.xml as Kura reads it: the literal esf: prefix, and for every PID exactly the properties of
 * the component's metatype (read from the built bundles), with the metatype's types and cardinality, except the
 * Password properties (the P3 keys), which it leaves out so that applying it again keeps the keys entered in the UI.
 */
class SnapshotTest {

    private static final String ESF = "http://eurotech.com/esf/2.0";
    private static final String METATYPE = "http://www.osgi.org/xmlns/metatype/v1.2.0";
    private static final Set<String> PIDS = Set.of("org.p2gate.master", "org.p2gate.p3", "org.p2gate.installation",
            "org.p2gate.kura.publisher");

    private static Document snapshot;

    @BeforeAll
    static void parse() throws Exception {
        Path file = Path.of(System.getProperty("p2gate.snapshot", "../../kura-config/snapshot_0.xml"));
        snapshot = parse(Files.newInputStream(file));
    }

    private static Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (in) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    @Test
    void everyElementUsesTheLiteralEsfPrefixKurasParserNeeds() {
        Element root = snapshot.getDocumentElement();
        assertEquals("esf:configurations", root.getTagName());
        assertEquals(ESF, root.getNamespaceURI());
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertEquals("esf", e.getPrefix(), "element " + e.getTagName());
            assertEquals(ESF, e.getNamespaceURI(), "element " + e.getTagName());
        }
    }

    @Test
    void listsExactlyTheGatewayPids() {
        NodeList configurations = snapshot.getElementsByTagNameNS(ESF, "configuration");
        Set<String> pids = new java.util.HashSet<>();
        for (int i = 0; i < configurations.getLength(); i++) {
            pids.add(((Element) configurations.item(i)).getAttribute("pid"));
        }
        assertEquals(PIDS, pids);
    }

    @ParameterizedTest
    @ValueSource(strings = { "org.p2gate.master", "org.p2gate.p3", "org.p2gate.installation",
            "org.p2gate.kura.publisher" })
    void propertiesMatchTheMetatypeNamesTypesAndCardinalityLeavingOutTheKeys(String pid) throws Exception {
        Map<String, String> expected = metatype(pid);
        // the secrets are left out: Kura keeps what a snapshot does not list, so re-applying it never wipes them
        expected.values().removeIf("Password"::equals);
        Map<String, String> actual = new LinkedHashMap<>();
        Element configuration = configuration(pid);
        NodeList properties = configuration.getElementsByTagNameNS(ESF, "property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            actual.put(p.getAttribute("name"), p.getAttribute("type") + (Boolean.parseBoolean(p.getAttribute("array"))
                    ? "[]" : ""));
            assertEquals("false", p.getAttribute("encrypted"), pid + " " + p.getAttribute("name"));
            if (!Boolean.parseBoolean(p.getAttribute("array"))) {
                assertEquals(1, p.getElementsByTagNameNS(ESF, "value").getLength(),
                        pid + " " + p.getAttribute("name") + " has one esf:value");
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void theP3KeysAreNotInTheSnapshotSoReApplyingItKeepsThem() throws Exception {
        Map<String, String> p3 = metatype("org.p2gate.p3");
        assertEquals("Password", p3.get("management.block.cipher.key"));
        assertEquals("Password", p3.get("management.authentication.key"));
        NodeList properties = configuration("org.p2gate.p3").getElementsByTagNameNS(ESF, "property");
        for (int i = 0; i < properties.getLength(); i++) {
            String name = ((Element) properties.item(i)).getAttribute("name");
            assertTrue(!name.startsWith("management."), "the snapshot lists the key " + name);
        }
    }

    @Test
    void wiredAndWirelessPortsAreSetAndTheSnapshotChoosesAPublisher() {
        assertEquals("/dev/ttyUSB0", value("org.p2gate.master", "wired.port"));
        assertEquals("/dev/ttyUSB1", value("org.p2gate.master", "wireless.port"));
        assertTrue(value("org.p2gate.kura.publisher", "CloudPublisher.target").startsWith("(kura.service.pid="));
    }

    private static String value(String pid, String name) {
        NodeList properties = configuration(pid).getElementsByTagNameNS(ESF, "property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (p.getAttribute("name").equals(name)) {
                return p.getElementsByTagNameNS(ESF, "value").item(0).getTextContent();
            }
        }
        throw new AssertionError(pid + " has no property " + name);
    }

    private static Element configuration(String pid) {
        NodeList configurations = snapshot.getElementsByTagNameNS(ESF, "configuration");
        for (int i = 0; i < configurations.getLength(); i++) {
            Element c = (Element) configurations.item(i);
            if (c.getAttribute("pid").equals(pid)) {
                return c;
            }
        }
        throw new AssertionError("no esf:configuration for " + pid);
    }

    /** AD id → type (with [] when the cardinality is not 0), from OSGI-INF/metatype/PID.xml of the built bundle. */
    private static Map<String, String> metatype(String pid) throws Exception {
        InputStream in = SnapshotTest.class.getClassLoader().getResourceAsStream("OSGI-INF/metatype/" + pid + ".xml");
        assertNotNull(in, "no bundle on the test class path has the metatype of " + pid);
        Document doc = parse(in);
        Element ocd = (Element) doc.getElementsByTagName("OCD").item(0);
        assertEquals(pid, ocd.getAttribute("id"), "Kura needs OCD id == PID");
        assertEquals(METATYPE, doc.getDocumentElement().getNamespaceURI());
        Map<String, String> result = new LinkedHashMap<>();
        NodeList ads = ocd.getElementsByTagName("AD");
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            String cardinality = ad.getAttribute("cardinality");
            boolean array = !cardinality.isEmpty() && !cardinality.equals("0");
            result.put(ad.getAttribute("id"), ad.getAttribute("type") + (array ? "[]" : ""));
        }
        return result;
    }
}
