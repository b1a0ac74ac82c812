package org.p2gate.headend.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.p2gate.headend.SecurityKeys;
import org.p2gate.mbus.security.AesKey;

/**
 * Where the CLI takes keys from: never the command line (argv is visible in {@code ps}), only a
 * file or the environment. Error messages name the file and the property, never a key.
 */
final class KeyMaterial {

    static final String ENV_AUTHENTICATION_KEY = "P2GATE_P3_AK";
    static final String ENV_BLOCK_CIPHER_KEY = "P2GATE_P3_EK";
    static final String ENV_SYSTEM_TITLE = "P2GATE_P3_SYSTEM_TITLE";
    static final String ENV_USER_KEY = "P2GATE_USER_KEY";
    static final String ENV_DEFAULT_KEY = "P2GATE_DEFAULT_KEY";

    private KeyMaterial() {}

    /** The management client's keys from the --keys file, each overridable by the environment; empty if none given. */
    static Optional<SecurityKeys> securityKeys(Optional<Path> keysFile, Map<String, String> env) throws UsageException {
        Properties file = new Properties();
        if (keysFile.isPresent()) {
            try (Reader in = Files.newBufferedReader(keysFile.get(), StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (IOException e) {
                throw new UsageException("cannot read the keys file " + keysFile.get() + ": " + e.getMessage());
            }
        }
        String ak = env.getOrDefault(ENV_AUTHENTICATION_KEY, file.getProperty("authentication.key"));
        String ek = env.getOrDefault(ENV_BLOCK_CIPHER_KEY, file.getProperty("block.cipher.key"));
        String title = env.getOrDefault(ENV_SYSTEM_TITLE, file.getProperty("client.system.title"));
        if (ak == null && ek == null && keysFile.isEmpty()) {
            return Optional.empty();
        }
        String from = keysFile.map(p -> "the keys file " + p).orElse("the environment");
        if (ak == null || ek == null || title == null) {
            throw new UsageException(from + " lacks " + (ak == null ? "authentication.key (or " + ENV_AUTHENTICATION_KEY + ")"
                    : ek == null ? "block.cipher.key (or " + ENV_BLOCK_CIPHER_KEY + ")"
                    : "client.system.title (or " + ENV_SYSTEM_TITLE + ")")
                    + ": the management client needs all three");
        }
        byte[] systemTitle;
        try {
            systemTitle = HexFormat.of().parseHex(title.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("client.system.title in " + from + " is not hex: give 16 hex digits");
        }
        if (systemTitle.length != SecurityKeys.SYSTEM_TITLE_LENGTH) {
            throw new UsageException("client.system.title in " + from + " has " + systemTitle.length
                    + " bytes; a system title has 8 (16 hex digits)");
        }
        return Optional.of(new SecurityKeys(systemTitle, key(ak, "authentication.key", from),
                key(ek, "block.cipher.key", from)));
    }

    /** A key from a file of 32 hex digits, else from an environment variable. */
    static AesKey keyFromFileOrEnv(Optional<Path> file, String envName, Map<String, String> env, String what,
            String option) throws UsageException {
        if (file.isPresent()) {
            try {
                return key(Files.readString(file.get(), StandardCharsets.US_ASCII), what, "the file " + file.get());
            } catch (IOException e) {
                throw new UsageException("cannot read the " + what + " file " + file.get() + ": " + e.getMessage());
            }
        }
        String value = env.get(envName);
        if (value == null) {
            throw new UsageException("give the " + what + " with " + option + " FILE (32 hex digits) or in " + envName);
        }
        return key(value, what, envName);
    }

    private static AesKey key(String hex, String what, String from) throws UsageException {
        try {
            return AesKey.fromHex(hex.strip());
        } catch (IllegalArgumentException e) {
            // AesKey's message names the position of a fault, never the key
            throw new UsageException(what + " in " + from + " is not an AES-128 key: " + e.getMessage());
        }
    }
}
