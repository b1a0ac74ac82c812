package org.p2gate.runtime;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.p2gate.runtime.KuraSnapshot.Secret;

/**
 * What Kura 5.4's ConfigurationService does with Config Admin, learned from org.eclipse.kura.core.configuration
 * ConfigurationServiceImpl (written here; Kura's own bundles cannot run in this build):
 * <ul>
 * <li>seeding: when it sees a bundle's metatype, it writes each OCD's defaults (and kura.service.pid) into the PID's
 * configuration (location "?");
 * <li>tracking: a ConfigurableComponent service is managed under its kura.service.pid, with its service.pid as the
 * Config Admin PID; both are read as Strings, a list turned into its text "[a, b]";
 * <li>updating (snapshot "Upload and Apply", web UI "Apply"): Password values are encrypted with the CryptoService
 * unless they already decrypt; a PID that is not tracked is ignored; the update is the OCD defaults, then the running
 * properties, then the new ones, plus kura.service.pid, with Passwords stored as their ciphertext String.
 * </ul>
 */
final class KuraConfigurationEmulator {

    static final String KURA_SERVICE_PID = "kura.service.pid";

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;
    private final CryptoService crypto;
    private final Map<String, ObjectClassDefinition> ocds = new HashMap<>();

    KuraConfigurationEmulator(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType,
            CryptoService crypto) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaType = metaType;
        this.crypto = crypto;
    }

    /** Kura's ComponentMetaTypeBundleTracker then registerComponentOCD: the defaults of each of the bundle's PIDs. */
    void registerMetatype(Bundle bundle) throws IOException {
        MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
        if (info == null) {
            return;
        }
        for (String pid : info.getPids()) {
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            ocds.put(pid, ocd);
            Configuration configuration = configAdmin.getConfiguration(pid, "?");
            Map<String, Object> properties = toMap(configuration.getProperties());
            Map<String, Object> merged = defaults(ocd);
            merged.putAll(properties);
            merged.putIfAbsent(KURA_SERVICE_PID, pid);
            if (!merged.equals(properties)) {
                configuration.update(new Hashtable<>(merged));
            }
        }
    }

    /** The OCD PIDs seen so far. */
    Collection<String> ocdPids() {
        return ocds.keySet();
    }

    ObjectClassDefinition ocd(String pid) {
        return ocds.get(pid);
    }

    /** Kura's addConfigurableComponent for every ConfigurableComponent service: kura.service.pid → service.pid. */
    Map<String, String> trackedComponents() {
        Map<String, String> tracked = new TreeMap<>();
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(ConfigurableComponent.class.getName(), null);
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                String servicePid = makeString(ref.getProperty("service.pid"));
                if (servicePid != null) {
                    tracked.put(makeString(ref.getProperty(KURA_SERVICE_PID)), servicePid);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return tracked;
    }

    /** As Kura reads a service property: a String as it is, an array or collection as its text "[a, b]". */
    private static String makeString(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Object[] array) {
            return Arrays.toString(array);
        }
        return value.toString();
    }

    /**
     * Kura's updateConfigurations: PID → the properties to set (Password values as {@link Secret}s).
     *
     * @return the PIDs Kura ignored because no ConfigurableComponent is tracked under them
     */
    java.util.List<String> updateConfigurations(Map<String, Map<String, Object>> updates) throws IOException,
            KuraException {
        Map<String, String> tracked = trackedComponents();
        java.util.List<String> ignored = new java.util.ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> update : updates.entrySet()) {
            String pid = update.getKey();
            String servicePid = tracked.get(pid);
            ObjectClassDefinition ocd = ocds.get(pid);
            if (servicePid == null || ocd == null) {
                ignored.add(pid);
                continue;
            }
            Configuration configuration = configAdmin.getConfiguration(servicePid, "?");
            Map<String, Object> merged = defaults(ocd);
            merged.putAll(toMap(configuration.getProperties()));
            for (Map.Entry<String, Object> property : update.getValue().entrySet()) {
                merged.put(property.getKey(), property.getValue() instanceof Secret secret ? encrypted(secret)
                        : property.getValue());
            }
            merged.putIfAbsent(KURA_SERVICE_PID, pid);
            configuration.update(new Hashtable<>(merged));
        }
        return ignored;
    }

    /** Kura's encryptConfigurationProperties: a value that decrypts is kept, any other is encrypted. */
    private String encrypted(Secret secret) throws KuraException {
        try {
            crypto.decryptAes(secret.text().toCharArray());
            return secret.text();
        } catch (KuraException notKurasCiphertext) {
            return new String(crypto.encryptAes(secret.text().toCharArray()));
        }
    }

    /** The OCD's defaults as Kura writes them: typed by the AD type, an array when the cardinality is not 0. */
    static Map<String, Object> defaults(ObjectClassDefinition ocd) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            String[] values = ad.getDefaultValue() == null ? new String[0] : ad.getDefaultValue();
            if (ad.getCardinality() != 0) {
                Object[] array = (Object[]) java.lang.reflect.Array.newInstance(javaType(ad.getType()), values.length);
                for (int i = 0; i < values.length; i++) {
                    array[i] = typed(ad.getType(), values[i]);
                }
                defaults.put(ad.getID(), array);
            } else if (values.length > 0 && !(values[0].isEmpty() && ad.getType() != AttributeDefinition.STRING
                    && ad.getType() != AttributeDefinition.PASSWORD)) {
                defaults.put(ad.getID(), typed(ad.getType(), values[0]));
            }
        }
        return defaults;
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }

    private static Object typed(int type, String text) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.valueOf(text.strip());
            case AttributeDefinition.LONG -> Long.valueOf(text.strip());
            case AttributeDefinition.BOOLEAN -> Boolean.valueOf(text.strip());
            default -> text;
        };
    }

    static Map<String, Object> toMap(Dictionary<String, Object> dictionary) {
        Map<String, Object> map = new HashMap<>();
        if (dictionary != null) {
            for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                map.put(key, dictionary.get(key));
            }
        }
        // Config Admin's own properties are not the component's
        map.remove("service.pid");
        map.remove("service.factoryPid");
        map.remove("service.bundleLocation");
        Objects.requireNonNull(map);
        return map;
    }
}
