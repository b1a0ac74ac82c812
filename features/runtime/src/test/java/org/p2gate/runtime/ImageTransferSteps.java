package org.p2gate.runtime;

import java.nio.charset.StandardCharsets;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndException;
import org.p2gate.headend.ImageUpdate;

/**
 * The head-end's side of {@link ImageActivationIT}, in a class of its own: its types come with the bundles installed
 * during the test, so they are loaded only when these methods first run (in framework).
 */
final class ImageTransferSteps {

    private ImageTransferSteps() {}

    /**
     * Sends {@code image} over P3; the image_transfer_status the update ended in. A transfer cut by the server
     * restarting (Config Admin still delivering the test's configuration) starts again, as a head-end would.
     */
    static int send(GatewayOnDeploymentPackage gateway, byte[] image) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (HeadEndClient headEnd = gateway.connect()) {
                ImageUpdate.Outcome outcome = ImageUpdate.send(headEnd, "p2gate-newer".getBytes(StandardCharsets.US_ASCII),
                        image, sent -> { });
                return outcome.status();
            } catch (HeadEndException e) {
                if (e.kind() != HeadEndException.Kind.CONNECTION_LOST || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Polls the restarting gateway (Deployment Admin restarts P3 with it) until the activation ended: 6 or 7, or -1. */
    static int finalStatus(GatewayOnDeploymentPackage gateway) throws InterruptedException {
        int status = -1;
        for (int attempt = 0; attempt < 300 && status != 6 && status != 7; attempt++) {
            Thread.sleep(100);
            try (HeadEndClient headEnd = gateway.connect()) {
                status = headEnd.imageTransferStatus();
            } catch (Exception restarting) {
                status = -1;
            }
        }
        return status;
    }
}
