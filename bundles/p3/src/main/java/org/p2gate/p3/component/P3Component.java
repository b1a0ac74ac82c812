package org.p2gate.p3.component;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.p3.P3Server;
import org.p2gate.p3.P3Settings;
import org.p2gate.p3.SecretDecoder;
import org.p2gate.p3.SystemTitle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P3 server as an OSGi component: serves the {@link CosemDevice} service once the management
 * keys and the system title are configured; with the (blank) defaults it opens no port and says why.
 */
@Component(name = P3Config.PID, configurationPid = P3Config.PID, immediate = true, service = {})
@Designate(ocd = P3Config.class)
public final class P3Component {

    private static final Logger LOG = LoggerFactory.getLogger(P3Component.class);

    @Reference
    private CosemDevice device;

    /** The platform's decryption of password properties (Kura); none: the keys are configured in hex. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private SecretDecoder secrets;

    private P3Server server;

    @Activate
    void activate(BundleContext context, P3Config config) {
        List<String> missing = new ArrayList<>();
        if (config.system_title().isBlank()) {
            missing.add("system.title");
        }
        if (config.management_block_cipher_key().isBlank()) {
            missing.add("management.block.cipher.key");
        }
        if (config.management_authentication_key().isBlank()) {
            missing.add("management.authentication.key");
        }
        if (!missing.isEmpty()) {
            LOG.info("P3 server not started: set {} in {} to serve the head-end", String.join(", ", missing), P3Config.PID);
            return;
        }
        if (secrets == null && (looksEncrypted(config.management_block_cipher_key())
                || looksEncrypted(config.management_authentication_key()))) {
            // e.g. Kura stopping or updating org.p2gate.kura: its decoder is gone, the keys are its ciphertext
            LOG.info("P3 server not started: the management keys in {} are stored encrypted and no secret decoder is "
                    + "running (on Kura: bundle org.p2gate.kura); it starts when one comes", P3Config.PID);
            return;
        }
        P3Settings settings;
        try {
            settings = settings(context, config, secrets == null ? stored -> stored : secrets);
        } catch (IllegalArgumentException e) {
            // the messages of AesKey and SystemTitle name the fault, never a key
            LOG.error("P3 server not started: {} (configuration {})", e.getMessage(), P3Config.PID);
            return;
        }
        server = P3Server.start(device, settings);
    }

    /**
     * Whether a stored key has a character that neither hex nor a mistyped key holds, i.e. it is a platform's
     * ciphertext (Kura's is base64(IV) "-" base64(AES-GCM), which always has the '-').
     */
    static boolean looksEncrypted(String stored) {
        return !stored.strip().chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c));
    }

    static P3Settings settings(BundleContext context, P3Config config) {
        return settings(context, config, stored -> stored);
    }

    static P3Settings settings(BundleContext context, P3Config config, SecretDecoder secrets) {
        SystemTitle title = parse("system.title", () -> SystemTitle.fromHex(config.system_title()));
        AesKey blockCipherKey = parse("management.block.cipher.key",
                () -> AesKey.fromHex(secrets.decode(config.management_block_cipher_key().strip()).strip()));
        AesKey authenticationKey = parse("management.authentication.key",
                () -> AesKey.fromHex(secrets.decode(config.management_authentication_key().strip()).strip()));
        return new P3Settings(config.port(), config.server_address(), title, blockCipherKey, authenticationKey,
                config.max_associations(), Duration.ofSeconds(config.inactivity_timeout_seconds()),
                stateFolder(context, config));
    }

    private static <T> T parse(String property, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

    private static Path stateFolder(BundleContext context, P3Config config) {
        if (!config.state_folder().isBlank()) {
            return Path.of(config.state_folder());
        }
        String data = context.getProperty("p2gate.data");
        if (data != null) {
            return Path.of(data, "p3");
        }
        File area = context.getDataFile("p3");
        if (area == null) {
            throw new IllegalArgumentException("no state folder: set state.folder (the framework has no file system support)");
        }
        return area.toPath();
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
