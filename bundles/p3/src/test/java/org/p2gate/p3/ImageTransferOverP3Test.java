package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.cosem.image.ActivationRecord;
import org.p2gate.cosem.image.ImageActivation;
import org.p2gate.cosem.image.ImageTransfer;
import org.p2gate.cosem.image.SignedImage;
import org.p2gate.cosem.mbus.MasterDevice;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndSettings;
import org.p2gate.headend.ImageUpdate;
import org.p2gate.headend.SecurityKeys;
import org.p2gate.installation.Installation;
import org.p2gate.installation.InstallationSettings;
import org.p2gate.master.EventSink;
import org.p2gate.master.MasterSettings;
import org.p2gate.master.P2Master;
import org.p2gate.master.store.InMemoryMasterStore;
import org.p2gate.mbus.wireless.WirelessSettings;

/**
 * Issue 9: a firmware image sent over P3 to the Image Transfer object 0-0:44.0.0.255 (class 18) by the head-end
 * library, management association (HLS 5, suite 0), in blocks: a good signed image is verified and activated; a
 * truncated, a tampered and an unsigned image end in "verification failed" (4) and nothing is installed. The
 * activation port records what it would hand to Deployment Admin.
 */
class ImageTransferOverP3Test {

    private static final int VERIFICATION_FAILED = 4;
    private static final int ACTIVATION_SUCCESSFUL = 6;

    @TempDir
    Path state;
    private final List<byte[]> installed = new ArrayList<>();
    private final KeyPair signer = keyPair();
    private P3Server server;

    @BeforeEach
    void serve() {
        VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-11-21T00:00:00Z"));
        P2Master master = new P2Master(Optional.empty(), Optional.empty(), WirelessSettings.dsmr(), time,
                new InMemoryMasterStore(), EventSink.NONE, MasterSettings.defaults());
        Installation installation = new Installation(master, time, InstallationSettings.defaults(), List::of);
        ImageActivation recording = new ImageActivation() {
            @Override
            public void install(byte[] deploymentPackage) {
                installed.add(deploymentPackage.clone());
            }

            @Override
            public Optional<String> installedVersion(String symbolicName) {
                return Optional.empty();
            }
        };
        ImageTransfer transfer = new ImageTransfer(Optional.of(signer.getPublic()), recording, Runnable::run,
                new ActivationRecord(state.resolve("image-activation.properties")));
        server = P3Server.start(new MasterDevice(master, installation, transfer),
                P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, state.resolve("p3")).withPort(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImageUpdate.Outcome send(byte[] image) throws Exception {
        HeadEndSettings settings = HeadEndSettings.management("localhost", server.port(), new SecurityKeys(
                HexFormat.of().parseHex("48454144454E4431"), Keys.AUTHENTICATION_KEY, Keys.BLOCK_CIPHER_KEY));
        List<Long> progress = new ArrayList<>();
        try (HeadEndClient client = HeadEndClient.connect(settings)) {
            ImageUpdate.Outcome outcome = ImageUpdate.send(client, "p2gate-1.2.3".getBytes(StandardCharsets.US_ASCII), image,
                    progress::add);
            assertTrue(progress.isEmpty() || progress.get(progress.size() - 1) >= 1, "progress counts the blocks sent");
            return outcome;
        }
    }

    @Test
    void aGoodSignedImageIsVerifiedAndActivated() throws Exception {
        byte[] dp = deploymentPackage(3000); // four blocks of 896 bytes with the trailer
        ImageUpdate.Outcome outcome = send(SignedImage.sign(dp, signer.getPrivate()));

        assertTrue(outcome.activationInitiated(), outcome.toString());
        assertEquals(ACTIVATION_SUCCESSFUL, outcome.status());
        assertEquals(1, installed.size(), "handed to the activation once");
        assertArrayEquals(dp, installed.get(0), "exactly the deployment package, without the signature trailer");
    }

    @Test
    void aTruncatedImageFailsVerificationAndNothingIsInstalled() throws Exception {
        byte[] image = SignedImage.sign(deploymentPackage(3000), signer.getPrivate());
        byte[] truncated = java.util.Arrays.copyOf(image, image.length - 100);

        ImageUpdate.Outcome outcome = send(truncated);

        assertEquals(VERIFICATION_FAILED, outcome.status(), outcome.toString());
        assertFalse(outcome.activationInitiated());
        assertTrue(installed.isEmpty());
    }

    @Test
    void aTamperedImageFailsVerificationAndNothingIsInstalled() throws Exception {
        byte[] image = SignedImage.sign(deploymentPackage(3000), signer.getPrivate());
        image[500] ^= 0x01;

        ImageUpdate.Outcome outcome = send(image);

        assertEquals(VERIFICATION_FAILED, outcome.status(), outcome.toString());
        assertTrue(installed.isEmpty());
    }

    @Test
    void anUnsignedImageFailsVerificationAndNothingIsInstalled() throws Exception {
        ImageUpdate.Outcome outcome = send(deploymentPackage(3000));

        assertEquals(VERIFICATION_FAILED, outcome.status(), outcome.toString());
        assertTrue(installed.isEmpty());
    }

    @Test
    void anImageSignedWithAnotherKeyFailsVerification() throws Exception {
        ImageUpdate.Outcome outcome = send(SignedImage.sign(deploymentPackage(3000), keyPair().getPrivate()));

        assertEquals(VERIFICATION_FAILED, outcome.status(), outcome.toString());
        assertTrue(installed.isEmpty());
    }

    @Test
    void theHeadEndCommandUpdateSendsTheImageAndReportsTheActivation() throws Exception {
        byte[] dp = deploymentPackage(2000);
        Path image = state.resolve("p2gate-1.2.3.img");
        java.nio.file.Files.write(image, SignedImage.sign(dp, signer.getPrivate()));
        Path keys = state.resolve("p3.properties");
        java.nio.file.Files.writeString(keys, "authentication.key=" + HexFormat.of().formatHex(Keys.AUTHENTICATION_KEY.exportBytes())
                + "\nblock.cipher.key=" + HexFormat.of().formatHex(Keys.BLOCK_CIPHER_KEY.exportBytes())
                + "\nclient.system.title=48454144454E4431\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = org.p2gate.headend.cli.Main.run(new String[] {"update", "--image", image.toString(), "--port",
            String.valueOf(server.port()), "--keys", keys.toString(), "--json"}, java.util.Map.of(),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));

        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, json + err.toString(StandardCharsets.UTF_8));
        assertTrue(json.contains("\"status\":6"), json);
        assertTrue(json.contains("\"blocks\":3"), "2000 bytes and the trailer in blocks of 896: " + json);
        assertArrayEquals(dp, installed.get(0));

        java.nio.file.Files.write(image, dp); // unsigned
        int refused = org.p2gate.headend.cli.Main.run(new String[] {"update", "--image", image.toString(), "--port",
            String.valueOf(server.port()), "--keys", keys.toString()}, java.util.Map.of(),
                new java.io.PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new java.io.PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(1, refused, "refused by the gateway: exit 1");
        assertEquals(1, installed.size(), "nothing more installed");
    }

    /** A deployment package's manifest and one resource of {@code size} random bytes. */
    private static byte[] deploymentPackage(int size) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("DeploymentPackage-SymbolicName", "p2gate");
        manifest.getMainAttributes().putValue("DeploymentPackage-Version", "1.2.3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("payload.bin"));
            byte[] payload = new byte[size];
            new Random(size).nextBytes(payload);
            jar.write(payload);
            jar.closeEntry();
        }
        return out.toByteArray();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
