package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * Issue 9 (2) end to end: on a gateway running the {@code .dp} (a Kura-like framework), the head-end sends a newer
 * {@code .dp}, signed, to the Image Transfer object 0-0:44.0.0.255 over P3; the gateway verifies it, reports
 * "activation initiated" and installs it through the real Deployment Admin, which restarts the gateway bundles; the
 * restarted P3 server reports "activation successful" and Deployment Admin lists the new version. An unsigned image
 * is refused ("verification failed") and changes nothing. The signed image is built here, independently of the
 * gateway's code: {@code dp | SHA-256(dp) | SHA256withECDSA(dp) | signature length (2, big-endian) | "P2GIMG01"}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImageActivationIT {

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private DeploymentAdmin deploymentAdmin;

    @Configuration
    public Option[] config() {
        return GatewayOnDeploymentPackage.options("image");
    }

    @Test
    public void aSignedNewerPackageIsActivatedThroughDeploymentAdminAndAnUnsignedOneIsRefused() throws Exception {
        DeploymentPackage installed = PackageInstall.installBuiltWithLateBundles(context, deploymentAdmin);
        GatewayOnDeploymentPackage gateway = new GatewayOnDeploymentPackage(context, configAdmin, deploymentAdmin, "image");
        KeyPair signer = keyPair();
        gateway.configure();
        gateway.update("org.p2gate.cosem", "image.public.key", Base64.getEncoder().encodeToString(signer.getPublic().getEncoded()));
        Path newer = InFramework.testDir("image").resolve("p2gate-newer.dp");
        NewerDeploymentPackage.write(PackageInstall.builtPackage(), "org.p2gate.p3", newer);
        byte[] dp = Files.readAllBytes(newer);

        // the head-end's types are loaded only now, after the package brought them (ImageTransferSteps)
        assertEquals("an unsigned image: verification failed", 4, ImageTransferSteps.send(gateway, dp));
        assertEquals("nothing changed", installed.getVersion(), deploymentAdmin.getDeploymentPackage("p2gate").getVersion());

        assertEquals("a signed image: activation initiated", 5, ImageTransferSteps.send(gateway, signed(dp, signer)));

        assertEquals("the restarted server reports activation successful", 6, ImageTransferSteps.finalStatus(gateway));
        assertEquals(NewerDeploymentPackage.next(installed.getVersion()),
                deploymentAdmin.getDeploymentPackage("p2gate").getVersion());
    }

    private static byte[] signed(byte[] dp, KeyPair signer) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer.getPrivate());
        signature.update(dp);
        byte[] sig = signature.sign();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(dp);
        out.write(MessageDigest.getInstance("SHA-256").digest(dp));
        out.write(sig);
        out.write(ByteBuffer.allocate(2).putShort((short) sig.length).array());
        out.write("P2GIMG01".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
