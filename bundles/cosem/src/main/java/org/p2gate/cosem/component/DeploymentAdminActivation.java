package org.p2gate.cosem.component;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.p2gate.cosem.image.ImageActivation;
import org.p2gate.cosem.image.ImageActivationException;

/** Activation of a verified image through OSGi Deployment Admin (as Kura installs packages). */
final class DeploymentAdminActivation implements ImageActivation {

    private final DeploymentAdmin deploymentAdmin;

    DeploymentAdminActivation(DeploymentAdmin deploymentAdmin) {
        this.deploymentAdmin = deploymentAdmin;
    }

    @Override
    public void install(byte[] deploymentPackage) throws ImageActivationException {
        try {
            deploymentAdmin.installDeploymentPackage(new ByteArrayInputStream(deploymentPackage));
        } catch (DeploymentException e) {
            throw new ImageActivationException("Deployment Admin refused the package (code " + e.getCode() + "): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ImageActivationException("Deployment Admin failed: " + e, e);
        }
    }

    @Override
    public Optional<String> installedVersion(String symbolicName) {
        DeploymentPackage installed = deploymentAdmin.getDeploymentPackage(symbolicName);
        return installed == null ? Optional.empty() : Optional.of(installed.getVersion().toString());
    }
}
