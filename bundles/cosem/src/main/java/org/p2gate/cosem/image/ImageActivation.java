package org.p2gate.cosem.image;

import java.util.Optional;

/**
 * The port through which a verified image becomes the running firmware (on OSGi: Deployment Admin), so the
 * image transfer object stays testable without a framework.
 */
public interface ImageActivation {

    /**
     * Installs the deployment package; returns when it is installed (or throws). In OSGi this stops and
     * restarts the calling bundle itself, so callers run it on their own thread and record the outcome durably.
     */
    void install(byte[] deploymentPackage) throws ImageActivationException;

    /** The version of the installed deployment package named {@code symbolicName}, if installed. */
    Optional<String> installedVersion(String symbolicName);

    /** No activation possible (no Deployment Admin): every activation fails with a reason. */
    ImageActivation NONE = new ImageActivation() {
        @Override
        public void install(byte[] deploymentPackage) throws ImageActivationException {
            throw new ImageActivationException("no Deployment Admin service: this runtime cannot install packages");
        }

        @Override
        public Optional<String> installedVersion(String symbolicName) {
            return Optional.empty();
        }
    };
}
