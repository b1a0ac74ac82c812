package org.p2gate.cosem.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class 18 process (DLMS Blue Book 4.4.6) with the p2gate image format: what is accepted, refused and activated. */
class ImageTransferTest {

    @TempDir
    Path dir;

    private final KeyPair signer = keyPair();
    private final KeyPair other = keyPair();
    private final List<byte[]> installed = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();
    private Optional<String> installedVersion = Optional.empty();
    private boolean installFails;

    private final ImageActivation activation = new ImageActivation() {
        @Override
        public void install(byte[] dp) throws ImageActivationException {
            if (installFails) {
                throw new ImageActivationException("resource processor refused");
            }
            installed.add(dp);
            installedVersion = Optional.of("1.2.3");
        }

        @Override
        public Optional<String> installedVersion(String name) {
            return name.equals("p2gate") ? installedVersion : Optional.empty();
        }
    };

    private ImageTransfer transfer(Optional<KeyPair> key) {
        return new ImageTransfer(key.map(KeyPair::getPublic), activation, pending::add,
                new ActivationRecord(dir.resolve("record.properties")));
    }

    @Test
    void aVerifiedImageIsActivatedOnItsOwnThreadAndReportsSuccess() throws Exception {
        byte[] dp = deploymentPackage(5000);
        ImageTransfer transfer = transfer(Optional.of(signer));
        send(transfer, SignedImage.sign(dp, signer.getPrivate()));
        assertEquals(ImageTransferStatus.INITIATED, transfer.status());
        assertTrue(transfer.verify().accepted());
        assertEquals(ImageTransferStatus.VERIFICATION_SUCCESSFUL, transfer.status());
        assertTrue(transfer.activate().accepted());
        assertEquals(ImageTransferStatus.ACTIVATION_INITIATED, transfer.status(), "answered before the install runs");
        assertTrue(installed.isEmpty());
        pending.forEach(Runnable::run);
        assertEquals(1, installed.size());
        assertArrayEquals(dp, installed.get(0), "the deployment package without the trailer is installed");
        assertEquals(ImageTransferStatus.ACTIVATION_SUCCESSFUL, transfer.status());
    }

    @Test
    void blocksMayArriveInAnyOrder() throws Exception {
        byte[] image = SignedImage.sign(deploymentPackage(4000), signer.getPrivate());
        ImageTransfer transfer = transfer(Optional.of(signer));
        assertTrue(transfer.initiate(new byte[] {1}, image.length).accepted());
        int blocks = (image.length + ImageTransfer.BLOCK_SIZE - 1) / ImageTransfer.BLOCK_SIZE;
        for (int i = blocks - 1; i >= 0; i--) {
            assertTrue(transfer.block(i, block(image, i)).accepted());
        }
        assertTrue(transfer.verify().accepted());
    }

    @Test
    void aMissingBlockFailsVerificationWithStatus4AndNothingIsActivated() throws Exception {
        byte[] image = SignedImage.sign(deploymentPackage(4000), signer.getPrivate());
        ImageTransfer transfer = transfer(Optional.of(signer));
        transfer.initiate(new byte[] {1}, image.length);
        int blocks = (image.length + ImageTransfer.BLOCK_SIZE - 1) / ImageTransfer.BLOCK_SIZE;
        for (int i = 0; i < blocks; i++) {
            if (i != 2) {
                transfer.block(i, block(image, i));
            }
        }
        assertEquals(2, transfer.firstNotTransferredBlock());
        assertFalse(transfer.transferredBlocks()[2]);
        assertTrue(transfer.transferredBlocks()[3]);
        ImageTransfer.Step verify = transfer.verify();
        assertTrue(verify.refusal().orElseThrow().contains("block 2"), verify.toString());
        assertEquals(ImageTransferStatus.VERIFICATION_FAILED, transfer.status());
        assertFalse(transfer.activate().accepted());
        pending.forEach(Runnable::run);
        assertTrue(installed.isEmpty());
    }

    @Test
    void aBlockOfTheWrongSizeOrOutsideTheImageIsRefused() throws Exception {
        ImageTransfer transfer = transfer(Optional.of(signer));
        transfer.initiate(new byte[] {1}, 2 * ImageTransfer.BLOCK_SIZE + 10);
        assertTrue(transfer.block(0, new byte[ImageTransfer.BLOCK_SIZE - 1]).refusal().orElseThrow().contains("expected"));
        assertTrue(transfer.block(2, new byte[10]).accepted(), "the last block is the rest");
        assertFalse(transfer.block(3, new byte[10]).accepted());
        assertEquals(0, transfer.firstNotTransferredBlock());
        assertEquals(2, transfer.refusals());
    }

    @Test
    void aTamperedImageFailsVerificationOnItsHash() throws Exception {
        byte[] image = SignedImage.sign(deploymentPackage(3000), signer.getPrivate());
        image[100] ^= 0x01;
        assertVerificationFails(image, "SHA-256");
    }

    @Test
    void anImageWhoseHashWasRecomputedStillFailsOnItsSignature() throws Exception {
        byte[] dp = deploymentPackage(3000);
        byte[] image = SignedImage.sign(dp, signer.getPrivate());
        dp[200] ^= 0x01;
        byte[] forged = SignedImage.sign(dp, other.getPrivate()); // hash fits the tampered content, wrong key
        assertVerificationFails(forged, "signature");
        assertTrue(image.length > 0);
    }

    @Test
    void anUnsignedImageFailsVerification() throws Exception {
        assertVerificationFails(deploymentPackage(3000), "no p2gate signature trailer");
    }

    @Test
    void aTruncatedImageFailsVerification() throws Exception {
        byte[] image = SignedImage.sign(deploymentPackage(3000), signer.getPrivate());
        assertVerificationFails(Arrays.copyOf(image, image.length - 20), "trailer");
    }

    @Test
    void aSignedFileThatIsNoDeploymentPackageFailsVerification() throws Exception {
        byte[] noise = new byte[3000];
        new Random(7).nextBytes(noise);
        assertVerificationFails(SignedImage.sign(noise, signer.getPrivate()), "not a deployment package");
    }

    @Test
    void withoutAConfiguredKeyImageTransferIsDisabledAndRefused() {
        ImageTransfer transfer = transfer(Optional.empty());
        assertFalse(transfer.enabled());
        assertTrue(transfer.initiate(new byte[] {1}, 100).refusal().orElseThrow().contains("image.public.key"));
        assertEquals(ImageTransferStatus.NOT_INITIATED, transfer.status());
    }

    @Test
    void activationBeforeVerificationIsRefused() throws Exception {
        ImageTransfer transfer = transfer(Optional.of(signer));
        send(transfer, SignedImage.sign(deploymentPackage(2000), signer.getPrivate()));
        assertFalse(transfer.activate().accepted());
        assertTrue(pending.isEmpty());
    }

    @Test
    void aFailedInstallationReportsActivationFailed() throws Exception {
        installFails = true;
        ImageTransfer transfer = transfer(Optional.of(signer));
        send(transfer, SignedImage.sign(deploymentPackage(2000), signer.getPrivate()));
        transfer.verify();
        transfer.activate();
        pending.forEach(Runnable::run);
        assertEquals(ImageTransferStatus.ACTIVATION_FAILED, transfer.status());
        assertTrue(transfer.lastFailure().contains("resource processor refused"));
    }

    @Test
    void theRestartedServerReportsThePendingActivationFromItsRecord() throws Exception {
        ImageTransfer before = transfer(Optional.of(signer));
        send(before, SignedImage.sign(deploymentPackage(2000), signer.getPrivate()));
        before.verify();
        before.activate(); // the install is not run: the bundle restart interrupts the old server
        ImageTransfer restarted = transfer(Optional.of(signer));
        assertEquals(ImageTransferStatus.ACTIVATION_INITIATED, restarted.status(), "not installed yet");
        installedVersion = Optional.of("1.2.3");
        assertEquals(ImageTransferStatus.ACTIVATION_SUCCESSFUL, restarted.status(), "installed at the image's version");
        installedVersion = Optional.of("1.2.2");
        assertEquals(ImageTransferStatus.ACTIVATION_INITIATED, restarted.status(), "another version is not this image");
    }

    @Test
    void theSigningKeyIsReadFromPemOrBase64() {
        String base64 = Base64.getEncoder().encodeToString(signer.getPublic().getEncoded());
        assertEquals(signer.getPublic(), SigningKey.parse(base64));
        assertEquals(signer.getPublic(), SigningKey.parse("-----BEGIN PUBLIC KEY-----\n" + base64.substring(0, 40) + "\n"
                + base64.substring(40) + "\n-----END PUBLIC KEY-----\n"));
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SigningKey.parse("AAAA"));
        assertTrue(bad.getMessage().contains("PEM"));
    }

    private void assertVerificationFails(byte[] image, String reason) {
        ImageTransfer transfer = transfer(Optional.of(signer));
        send(transfer, image);
        ImageTransfer.Step verify = transfer.verify();
        assertTrue(verify.refusal().orElseThrow().contains(reason), verify.toString());
        assertEquals(ImageTransferStatus.VERIFICATION_FAILED, transfer.status());
        assertTrue(transfer.toActivate().isEmpty());
        assertFalse(transfer.activate().accepted());
        pending.forEach(Runnable::run);
        assertTrue(installed.isEmpty(), "nothing installed");
    }

    private static void send(ImageTransfer transfer, byte[] image) {
        assertTrue(transfer.initiate("p2gate-1.2.3".getBytes(), image.length).accepted());
        int blocks = (image.length + ImageTransfer.BLOCK_SIZE - 1) / ImageTransfer.BLOCK_SIZE;
        for (int i = 0; i < blocks; i++) {
            assertTrue(transfer.block(i, block(image, i)).accepted());
        }
    }

    private static byte[] block(byte[] image, int i) {
        return Arrays.copyOfRange(image, i * ImageTransfer.BLOCK_SIZE, Math.min(image.length, (i + 1) * ImageTransfer.BLOCK_SIZE));
    }

    /** A deployment package's manifest and one resource of {@code size} random bytes. */
    static byte[] deploymentPackage(int size) throws Exception {
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

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
