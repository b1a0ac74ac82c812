package org.p2gate.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The P3 credentials of a new embedded default: a random management authentication key and block
 * cipher key and a system title ("P2G" and five random bytes, Green Book 4.3.4: manufacturer and
 * serial), written once as the server's configuration ({@value #SERVER_FILE}) and as the head-end
 * CLI's key file ({@value #CLIENT_FILE}, for {@code ./p2gate headend --keys}). Both are readable by
 * the owner only where the file system allows it; the keys are never logged. No two gateways share
 * them, and none ships with keys anybody knows.
 */
final class P3Credentials {

    static final String SERVER_FILE = "org.p2gate.p3.config";
    static final String CLIENT_FILE = "p3-keys.properties";

    private P3Credentials() {}

    static void seed(Path confDir, SecureRandom random) throws IOException {
        HexFormat hex = HexFormat.of().withUpperCase();
        String authenticationKey = hex.formatHex(bytes(random, 16));
        String blockCipherKey = hex.formatHex(bytes(random, 16));
        String serverTitle = hex.formatHex("P2G".getBytes(StandardCharsets.US_ASCII)) + hex.formatHex(bytes(random, 5));
        String clientTitle = hex.formatHex("HES".getBytes(StandardCharsets.US_ASCII)) + hex.formatHex(bytes(random, 5));
        write(confDir.resolve(SERVER_FILE), """
                # The embedded default's P3 server: keys generated at the first start of this configuration folder.
                # The head-end CLI's copy is p3-keys.properties beside this file (./p2gate headend --keys ...).
                port=I"4059"
                system.title="%s"
                management.authentication.key="%s"
                management.block.cipher.key="%s"
                """.formatted(serverTitle, authenticationKey, blockCipherKey));
        write(confDir.resolve(CLIENT_FILE), """
                # The management client's keys for this gateway's P3 server (org.p2gate.p3.config):
                #   ./p2gate headend read --keys %s
                authentication.key=%s
                block.cipher.key=%s
                client.system.title=%s
                """.formatted(confDir.resolve(CLIENT_FILE), authenticationKey, blockCipherKey, clientTitle));
    }

    private static byte[] bytes(SecureRandom random, int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
