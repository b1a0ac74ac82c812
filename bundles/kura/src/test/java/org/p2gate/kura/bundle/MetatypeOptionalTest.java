package org.p2gate.kura.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The metatype bnd wrote for every PID of the deployment package: Kura's web UI treats an AD without
 * required="false" as required and refuses to save it empty, so every AD whose default is empty says
 * required="false" (issue 14). On Kura's runtime: features/runtime KuraContractIT.
 */
class MetatypeOptionalTest {

    @ParameterizedTest
    @ValueSource(strings = { "org.p2gate.master", "org.p2gate.p3", "org.p2gate.installation", "org.p2gate.cosem",
            "org.p2gate.clock", "org.p2gate.kura.publisher" })
    void everyAttributeWithAnEmptyDefaultIsOptional(String pid) throws Exception {
        InputStream in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/metatype/" + pid + ".xml");
        assertNotNull(in, "no bundle on the test class path has the metatype of " + pid);
        NodeList ads;
        try (in) {
            ads = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("AD");
        }
        assertFalse(ads.getLength() == 0, pid + " has attributes");
        List<String> requiredButEmpty = new ArrayList<>();
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            if (ad.getAttribute("default").isEmpty() && !"false".equals(ad.getAttribute("required"))) {
                requiredButEmpty.add(ad.getAttribute("id"));
            }
        }
        assertEquals(List.of(), requiredButEmpty, pid + ": required attributes with an empty default");
    }
}
