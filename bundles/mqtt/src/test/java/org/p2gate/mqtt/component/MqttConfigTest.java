package org.p2gate.mqtt.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.p2gate.mqtt.broker.BrokerSettings;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class MqttConfigTest {

    /** A configuration with the metatype defaults, some replaced. */
    private static MqttConfig config(Map<String, Object> values) {
        return (MqttConfig) Proxy.newProxyInstance(MqttConfig.class.getClassLoader(),
                new Class<?>[] { MqttConfig.class }, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Annotation.class || method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("annotationType") ? MqttConfig.class : null;
                    }
                    return values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    @Test
    void theClientIdAndTopicPrefixDefaultToTheP3SystemTitle() {
        BrokerSettings settings = MqttComponent.settings(config(Map.of("broker_uri", "tcp://localhost:1883")),
                Optional.of("4B464D1020000001"));
        assertEquals("p2gate-4B464D1020000001", settings.clientId());
        assertEquals("p2gate/4B464D1020000001", settings.topics().prefix());
        assertEquals("p2gate/4B464D1020000001/status", settings.topics().status());
        assertEquals(1, settings.qos());
        assertEquals(Optional.empty(), settings.username());
    }

    @Test
    void withoutASystemTitleThePrefixFollowsTheClientId() {
        Map<String, Object> values = new HashMap<>(Map.of("broker_uri", "tcp://localhost:1883", "client_id", "gw7"));
        assertEquals("p2gate/gw7", MqttComponent.settings(config(values), Optional.empty()).topics().prefix());
    }

    @Test
    void thePasswordNeverAppearsInTheSettingsText() {
        BrokerSettings settings = MqttComponent.settings(config(Map.of("broker_uri", "ssl://broker:8883",
                "username", "meter", "password", "s3cret-pw", "tls_trust_store_password", "store-pw")),
                Optional.empty());
        assertFalse(settings.toString().contains("s3cret-pw") || settings.toString().contains("store-pw"),
                settings.toString());
    }

    @Test
    void qosZeroAndAWildcardPrefixAreRefused() {
        // QoS 0 has no PUBACK: the cursor could not know what the broker has
        assertThrows(IllegalArgumentException.class, () -> MqttComponent.settings(
                config(Map.of("broker_uri", "tcp://b:1883", "qos", 0)), Optional.empty()));
        // MQTT 3.1.1 §4.7.1: no wildcards in a topic name
        assertThrows(IllegalArgumentException.class, () -> MqttComponent.settings(
                config(Map.of("broker_uri", "tcp://b:1883", "topic_prefix", "p2gate/#")), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> MqttComponent.settings(
                config(Map.of("broker_uri", "http://b:1883")), Optional.empty()));
    }

    /** Kura's rule, kept although this PID is for the embedded runtime: an empty default is never required. */
    @Test
    void everyAttributeWithAnEmptyDefaultIsOptional() throws Exception {
        InputStream in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/metatype/" + MqttConfig.PID
                + ".xml");
        NodeList ads;
        try (in) {
            ads = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("AD");
        }
        List<String> requiredButEmpty = new ArrayList<>();
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            if (ad.getAttribute("default").isEmpty() && !"false".equals(ad.getAttribute("required"))) {
                requiredButEmpty.add(ad.getAttribute("id"));
            }
        }
        assertEquals(15, ads.getLength());
        assertEquals(List.of(), requiredButEmpty);
    }
}
