package org.p2gate.runtime;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A Kura configuration snapshot read as Kura 5.4's snapshot parser reads it (learned from org.eclipse.kura.core
 * .configuration, written here): elements found by their literal qualified names {@code esf:configuration},
 * {@code esf:property}, {@code esf:value} (a snapshot with another prefix yields nothing), each property typed by its
 * {@code type} and {@code array} attributes; a {@code Password} becomes a {@link Secret}.
 */
final class KuraSnapshot {

    /** A property of type Password: what the snapshot holds (plain text, or Kura's ciphertext if encrypted="true"). */
    record Secret(String text) {
        @Override
        public String toString() {
            return "Secret[...]"; // never the key
        }
    }

    private KuraSnapshot() {}

    /** PID → property name → typed value, in the file's order. */
    static Map<String, Map<String, Object>> read(Path file) throws Exception {
        // not namespace aware: the names are matched with their prefix, as Kura's parser does
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        NodeList configurations = doc.getElementsByTagName("esf:configuration");
        for (int i = 0; i < configurations.getLength(); i++) {
            Element configuration = (Element) configurations.item(i);
            Map<String, Object> properties = new LinkedHashMap<>();
            NodeList list = configuration.getElementsByTagName("esf:property");
            for (int j = 0; j < list.getLength(); j++) {
                Element property = (Element) list.item(j);
                properties.put(property.getAttribute("name"), value(property));
            }
            result.put(configuration.getAttribute("pid"), properties);
        }
        return result;
    }

    private static Object value(Element property) {
        List<String> texts = new ArrayList<>();
        NodeList values = property.getElementsByTagName("esf:value");
        for (int k = 0; k < values.getLength(); k++) {
            texts.add(values.item(k).getTextContent());
        }
        String type = property.getAttribute("type");
        Class<?> javaType = javaType(type);
        Function<String, Object> parse = parser(type);
        if (Boolean.parseBoolean(property.getAttribute("array"))) {
            Object array = Array.newInstance(javaType, texts.size());
            for (int k = 0; k < texts.size(); k++) {
                Array.set(array, k, parse.apply(texts.get(k)));
            }
            return array;
        }
        if (texts.size() != 1) {
            throw new IllegalArgumentException(property.getAttribute("name") + ": a scalar property has one esf:value");
        }
        return parse.apply(texts.get(0));
    }

    private static Class<?> javaType(String type) {
        return switch (type) {
            case "String" -> String.class;
            case "Integer" -> Integer.class;
            case "Long" -> Long.class;
            case "Boolean" -> Boolean.class;
            case "Password" -> Secret.class;
            default -> throw new IllegalArgumentException("a type p2gate's metatype does not use: " + type);
        };
    }

    private static Function<String, Object> parser(String type) {
        return switch (type) {
            case "String" -> text -> text;
            case "Integer" -> text -> Integer.valueOf(text.strip());
            case "Long" -> text -> Long.valueOf(text.strip());
            case "Boolean" -> text -> Boolean.valueOf(text.strip());
            case "Password" -> Secret::new;
            default -> throw new IllegalArgumentException("a type p2gate's metatype does not use: " + type);
        };
    }
}
