package org.p2gate.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.cosem.image.ImageRejectedException;
import org.p2gate.cosem.image.SignedImage;
import org.p2gate.cosem.image.SigningKey;

/**
 * {@code ./p2gate image}: a key pair made, a deployment package signed into the image the gateway's Image Transfer
 * object verifies (checked with the gateway's own {@link SignedImage#verify} and the public key as the gateway
 * parses it from configuration), and the refusals.
 */
class ImageCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
    }

    @Test
    void aSignedPackageVerifiesOnTheGatewayWithTheGeneratedPublicKey() throws Exception {
        Path privateKey = dir.resolve("signing.pem");
        Path publicKey = dir.resolve("signing.pub.pem");
        assertEquals(0, run("image", "keygen", "--private", privateKey.toString(), "--public", publicKey.toString()),
                err.toString());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(privateKey), "the signing key is the owner's only");
        Path dp = dir.resolve("p2gate_1.2.3.dp");
        byte[] deploymentPackage = deploymentPackage("1.2.3");
        Files.write(dp, deploymentPackage);

        assertEquals(0, run("image", "sign", "--key", privateKey.toString(), dp.toString()), err.toString());

        Path image = dir.resolve("p2gate_1.2.3.img");
        assertTrue(out.toString().contains("p2gate 1.2.3 signed"), out.toString());
        SignedImage.Verified verified = SignedImage.verify(Files.readAllBytes(image),
                SigningKey.parse(Files.readString(publicKey)));
        assertArrayEquals(deploymentPackage, verified.deploymentPackage());
        assertEquals("1.2.3", verified.packageVersion());
        assertEquals(0, run("image", "verify", "--key", publicKey.toString(), image.toString()));
        assertTrue(out.toString().contains("verified: p2gate 1.2.3"), out.toString());
        assertFalse(out.toString().contains(Files.readString(privateKey).lines().skip(1).findFirst().orElseThrow()),
                "the key is never printed");
    }

    @Test
    void anImageSignedByAnotherKeyOrAlteredIsRefusedByVerify() throws Exception {
        Path key1 = dir.resolve("one.pem");
        Path pub1 = dir.resolve("one.pub");
        Path key2 = dir.resolve("two.pem");
        Path pub2 = dir.resolve("two.pub");
        run("image", "keygen", "--private", key1.toString(), "--public", pub1.toString());
        run("image", "keygen", "--private", key2.toString(), "--public", pub2.toString());
        Path dp = dir.resolve("p.dp");
        Files.write(dp, deploymentPackage("2.0.0"));
        Path image = dir.resolve("p.signed");
        assertEquals(0, run("image", "sign", "--key", key1.toString(), "--out", image.toString(), dp.toString()));

        assertEquals(1, run("image", "verify", "--key", pub2.toString(), image.toString()));
        assertTrue(out.toString().contains("refused: the signature does not verify"), out.toString());

        byte[] altered = Files.readAllBytes(image);
        altered[40] ^= 1;
        Files.write(image, altered);
        assertEquals(1, run("image", "verify", "--key", pub1.toString(), image.toString()));
        assertTrue(out.toString().contains("refused: the SHA-256"), out.toString());
    }

    @Test
    void aSigningKeyIsNeverOverwritten() throws Exception {
        Path key = dir.resolve("k.pem");
        Path pub = dir.resolve("k.pub");
        run("image", "keygen", "--private", key.toString(), "--public", pub.toString());
        byte[] before = Files.readAllBytes(key);

        assertEquals(2, run("image", "keygen", "--private", key.toString(), "--public", dir.resolve("x.pub").toString()));

        assertTrue(err.toString().contains("is never overwritten"), err.toString());
        assertArrayEquals(before, Files.readAllBytes(key));
    }

    @Test
    void whatIsNoDeploymentPackageIsNotSigned() throws Exception {
        Path key = dir.resolve("k.pem");
        run("image", "keygen", "--private", key.toString(), "--public", dir.resolve("k.pub").toString());
        Path notDp = dir.resolve("notes.dp");
        Files.writeString(notDp, "not a jar");

        assertEquals(2, run("image", "sign", "--key", key.toString(), notDp.toString()));

        assertTrue(err.toString().contains("not a deployment package"), err.toString());
        assertFalse(Files.exists(dir.resolve("notes.img")));
    }

    @Test
    void aPublicKeyIsNoSigningKeyAndBadArgumentsExitTwo() throws Exception {
        Path key = dir.resolve("k.pem");
        Path pub = dir.resolve("k.pub");
        run("image", "keygen", "--private", key.toString(), "--public", pub.toString());
        Path dp = dir.resolve("p.dp");
        Files.write(dp, deploymentPackage("1.0.0"));

        assertEquals(2, run("image", "sign", "--key", pub.toString(), dp.toString()));
        assertTrue(err.toString().contains("no PKCS#8 PEM private key"), err.toString());
        assertEquals(2, run("image", "sign", dp.toString()));
        assertTrue(err.toString().contains("--key is needed"), err.toString());
        assertEquals(2, run("image", "stamp"));
        assertEquals(2, run("image", "verify", "--key", pub.toString(), "--colour", "red", dp.toString()));
    }

    @Test
    void theImageIsNamedAfterThePackage() {
        assertEquals(Path.of("out", "p2gate_0.2.0.img").toString(), ImageCommand.defaultImageName(Path.of("out",
                "p2gate_0.2.0.dp")));
        assertEquals("firmware.bin.img", ImageCommand.defaultImageName(Path.of("firmware.bin")));
        assertThrows(ImageRejectedException.class, () -> SignedImage.packageOf(new byte[] {1, 2, 3}));
    }

    private static byte[] deploymentPackage(String version) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("DeploymentPackage-SymbolicName", "p2gate");
        manifest.getMainAttributes().putValue("DeploymentPackage-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("payload.bin"));
            byte[] payload = new byte[3000];
            Arrays.fill(payload, (byte) 7);
            jar.write(payload);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
