package org.p2gate.headend;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A firmware update as the head-end drives it over the Image Transfer object (DLMS Blue Book 4.4.6):
 * initiate, every block, verify, activate. Returns the image_transfer_status after the last step that
 * ran; a refused step stops the update and names the step.
 */
public final class ImageUpdate {

    /** How far an update got: the final status, and the refused step if one was. */
    public record Outcome(int status, java.util.Optional<String> refusedStep) {
        public boolean activationInitiated() {
            return refusedStep.isEmpty();
        }
    }

    private ImageUpdate() {}

    /**
     * @param progress called with the number of blocks sent so far (after each block)
     */
    public static Outcome send(HeadEndClient client, byte[] identifier, byte[] image, LongConsumer progress)
            throws HeadEndException {
        long blockSize = client.imageBlockSize();
        if (blockSize <= 0) {
            throw new HeadEndException(HeadEndException.Kind.UNEXPECTED_ANSWER, "image_block_size is " + blockSize);
        }
        if (!client.imageTransferInitiate(identifier, image.length).success()) {
            return new Outcome(client.imageTransferStatus(), java.util.Optional.of("image_transfer_initiate"));
        }
        long blocks = (image.length + blockSize - 1) / blockSize;
        for (long i = 0; i < blocks; i++) {
            byte[] block = Arrays.copyOfRange(image, (int) (i * blockSize), (int) Math.min(image.length, (i + 1) * blockSize));
            if (!client.imageBlockTransfer(i, block).success()) {
                return new Outcome(client.imageTransferStatus(), java.util.Optional.of("image_block_transfer " + i));
            }
            progress.accept(i + 1);
        }
        if (!client.imageVerify().success()) {
            return new Outcome(client.imageTransferStatus(), java.util.Optional.of("image_verify"));
        }
        if (!client.imageActivate().success()) {
            return new Outcome(client.imageTransferStatus(), java.util.Optional.of("image_activate"));
        }
        return new Outcome(client.imageTransferStatus(), java.util.Optional.empty());
    }
}
