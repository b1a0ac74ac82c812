package org.p2gate.cosem.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The firmware image format: a deployment package followed by a trailer that authenticates it.
 *
 * <pre>
 * dp (n bytes) | SHA-256(dp) (32) | signature (m) | m (uint16, big-endian) | "P2GIMG01" (8)
 * </pre>
 *
 * The signature is SHA256withECDSA (P-256, DER) over the deployment package. The hash is checked first so
 * a corrupted transfer is told apart from a forged one.
 */
public final class SignedImage {

    /** The trailer's last bytes. */
    public static final byte[] MAGIC = "P2GIMG01".getBytes(StandardCharsets.US_ASCII);
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final int HASH_LENGTH = 32;
    private static final int FIXED_TRAILER = HASH_LENGTH + 2 + MAGIC.length;

    private SignedImage() {}

    /** What verification established about an image. */
    public record Verified(byte[] deploymentPackage, String packageName, String packageVersion, byte[] signature) {}

    /** The symbolic name and version a deployment package's manifest declares (OSGi Compendium 114.3). */
    public record PackageId(String name, String version) {}

    /** What {@code deploymentPackage} declares itself to be; refused when it is no deployment package. */
    public static PackageId packageOf(byte[] deploymentPackage) throws ImageRejectedException {
        Manifest manifest;
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(deploymentPackage))) {
            manifest = jar.getManifest();
        } catch (IOException e) {
            throw new ImageRejectedException("the signed content is not a deployment package: " + e.getMessage(), e);
        }
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String name = main.getValue("DeploymentPackage-SymbolicName");
        String version = main.getValue("DeploymentPackage-Version");
        if (name == null || version == null) {
            throw new ImageRejectedException("the signed content is not a deployment package"
                    + " (no DeploymentPackage-SymbolicName / -Version in its manifest)");
        }
        return new PackageId(name, version);
    }

    /** Appends the trailer (for build servers, tests and {@code ./p2gate image sign}). */
    public static byte[] sign(byte[] deploymentPackage, PrivateKey key) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
        signer.initSign(key);
        signer.update(deploymentPackage);
        byte[] signature = signer.sign();
        ByteBuffer out = ByteBuffer.allocate(deploymentPackage.length + FIXED_TRAILER + signature.length);
        out.put(deploymentPackage).put(MessageDigest.getInstance("SHA-256").digest(deploymentPackage))
                .put(signature).putShort((short) signature.length).put(MAGIC);
        return out.array();
    }

    /** Checks the trailer, the hash, the signature by {@code key}, and that the content is a deployment package. */
    public static Verified verify(byte[] image, PublicKey key) throws ImageRejectedException {
        if (image.length < FIXED_TRAILER + 1
                || !Arrays.equals(image, image.length - MAGIC.length, image.length, MAGIC, 0, MAGIC.length)) {
            throw new ImageRejectedException("the image has no p2gate signature trailer (unsigned or truncated image)");
        }
        int signatureLength = ((image[image.length - MAGIC.length - 2] & 0xFF) << 8) | (image[image.length - MAGIC.length - 1] & 0xFF);
        int dpLength = image.length - FIXED_TRAILER - signatureLength;
        if (signatureLength == 0 || dpLength <= 0) {
            throw new ImageRejectedException("the signature trailer is malformed (signature length " + signatureLength + ")");
        }
        byte[] dp = Arrays.copyOf(image, dpLength);
        byte[] hash = Arrays.copyOfRange(image, dpLength, dpLength + HASH_LENGTH);
        byte[] signature = Arrays.copyOfRange(image, dpLength + HASH_LENGTH, dpLength + HASH_LENGTH + signatureLength);
        try {
            if (!MessageDigest.isEqual(hash, MessageDigest.getInstance("SHA-256").digest(dp))) {
                throw new ImageRejectedException("the SHA-256 of the deployment package does not match the image's hash"
                        + " (corrupted or tampered image)");
            }
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(dp);
            if (!verifier.verify(signature)) {
                throw new ImageRejectedException("the signature does not verify with the configured public key"
                        + " (signed by another key, or tampered)");
            }
        } catch (java.security.SignatureException e) {
            throw new ImageRejectedException("the signature is malformed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ImageRejectedException("the signature cannot be checked: " + e.getMessage(), e);
        }
        PackageId id = packageOf(dp);
        return new Verified(dp, id.name(), id.version(), signature);
    }
}
