package org.p2gate.cosem.image;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image transfer process of Blue Book class 18 (DLMS Blue Book 4.4.6) for the gateway's firmware:
 * initiate with identifier and size, blocks in any order, verify (all blocks, hash, signature by the
 * configured key), activate through {@link ImageActivation} on its own thread. A refused step changes
 * nothing that was accepted before; a failed verification (status 4) never reaches activation. Thread-safe.
 */
public final class ImageTransfer {

    /** image_block_size: fits an ACTION request with its ciphering in the P3 server's 1024-byte PDU. */
    public static final int BLOCK_SIZE = 896;
    /** The largest image accepted (a deployment package of the gateway is a few MB). */
    public static final long MAX_IMAGE_SIZE = 32L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ImageTransfer.class);

    /** The outcome of a method: accepted, or refused with the reason a person can act on. */
    public record Step(Optional<String> refusal) {
        static Step ok() {
            return new Step(Optional.empty());
        }

        static Step refused(String why) {
            return new Step(Optional.of(why));
        }

        public boolean accepted() {
            return refusal.isEmpty();
        }
    }

    /** image_to_activate_info of the verified image. */
    public record ToActivate(long size, byte[] identifier, byte[] signature) {}

    private final Optional<PublicKey> key;
    private final ImageActivation activation;
    private final Executor activationThread;
    private final ActivationRecord record;
    private final AtomicLong refusals = new AtomicLong();

    private ImageTransferStatus status = ImageTransferStatus.NOT_INITIATED;
    private byte[] identifier = new byte[0];
    private byte[] image = new byte[0];
    private BitSet received = new BitSet();
    private int blockCount;
    private Optional<SignedImage.Verified> verified = Optional.empty();
    private String lastFailure = "";

    public ImageTransfer(Optional<PublicKey> key, ImageActivation activation, Executor activationThread,
            ActivationRecord record) {
        this.key = Objects.requireNonNull(key, "key");
        this.activation = Objects.requireNonNull(activation, "activation");
        this.activationThread = Objects.requireNonNull(activationThread, "activationThread");
        this.record = Objects.requireNonNull(record, "record");
    }

    /** image_transfer_enabled: only with a configured signing key. */
    public boolean enabled() {
        return key.isPresent();
    }

    /** image_transfer_initiate(identifier, size): a new transfer; forgets any earlier one. */
    public synchronized Step initiate(byte[] imageIdentifier, long size) {
        if (key.isEmpty()) {
            return refuse("image transfer is disabled: no image signing public key is configured"
                    + " (set image.public.key of org.p2gate.cosem)");
        }
        if (status == ImageTransferStatus.ACTIVATION_INITIATED) {
            return refuse("an activation is in progress; wait for it to finish");
        }
        if (size <= 0 || size > MAX_IMAGE_SIZE) {
            return refuse("image size " + size + " is outside 1.." + MAX_IMAGE_SIZE + " bytes");
        }
        identifier = imageIdentifier.clone();
        image = new byte[(int) size];
        blockCount = (int) ((size + BLOCK_SIZE - 1) / BLOCK_SIZE);
        received = new BitSet(blockCount);
        verified = Optional.empty();
        lastFailure = "";
        record.clear();
        status = ImageTransferStatus.INITIATED;
        LOG.info("image transfer initiated: {} bytes in {} blocks of {}", size, blockCount, BLOCK_SIZE);
        return Step.ok();
    }

    /** image_block_transfer(number, value): blocks in any order; a block sent twice replaces the first. */
    public synchronized Step block(long number, byte[] value) {
        if (status != ImageTransferStatus.INITIATED && status != ImageTransferStatus.VERIFICATION_FAILED
                && status != ImageTransferStatus.VERIFICATION_SUCCESSFUL) {
            return refuse("no image transfer is initiated (status " + status + "); call image_transfer_initiate first");
        }
        if (number < 0 || number >= blockCount) {
            return refuse("block " + number + " is outside 0.." + (blockCount - 1) + " of the initiated image");
        }
        int offset = (int) number * BLOCK_SIZE;
        int expected = Math.min(BLOCK_SIZE, image.length - offset);
        if (value.length != expected) {
            return refuse("block " + number + " has " + value.length + " bytes, " + expected + " expected");
        }
        System.arraycopy(value, 0, image, offset, value.length);
        received.set((int) number);
        status = ImageTransferStatus.INITIATED; // a changed block must be verified again
        verified = Optional.empty();
        return Step.ok();
    }

    /** image_verify: all blocks, then hash, signature and deployment package; status 3 or 4. */
    public synchronized Step verify() {
        if (status == ImageTransferStatus.NOT_INITIATED || status == ImageTransferStatus.ACTIVATION_INITIATED
                || status == ImageTransferStatus.ACTIVATION_SUCCESSFUL || status == ImageTransferStatus.ACTIVATION_FAILED) {
            return refuse("no received image to verify (status " + status + ")");
        }
        int missing = received.nextClearBit(0);
        if (missing < blockCount) {
            return failVerification("block " + missing + " of " + blockCount + " has not been transferred");
        }
        try {
            verified = Optional.of(SignedImage.verify(image, key.orElseThrow()));
        } catch (ImageRejectedException e) {
            return failVerification(e.getMessage());
        }
        status = ImageTransferStatus.VERIFICATION_SUCCESSFUL;
        LOG.info("image verified: deployment package {} {}", verified.get().packageName(), verified.get().packageVersion());
        return Step.ok();
    }

    /** image_activate: only a verified image; installs it on the activation thread and answers at once (status 5). */
    public synchronized Step activate() {
        if (status != ImageTransferStatus.VERIFICATION_SUCCESSFUL || verified.isEmpty()) {
            return refuse("only a verified image can be activated (status " + status + "); call image_verify first");
        }
        SignedImage.Verified image = verified.get();
        record.write(new ActivationRecord.Entry(image.packageName(), image.packageVersion(), ActivationRecord.Phase.PENDING, ""));
        status = ImageTransferStatus.ACTIVATION_INITIATED;
        LOG.info("image activation initiated: deployment package {} {}", image.packageName(), image.packageVersion());
        activationThread.execute(() -> install(image));
        return Step.ok();
    }

    private void install(SignedImage.Verified image) {
        ActivationRecord.Entry outcome;
        try {
            activation.install(image.deploymentPackage());
            outcome = new ActivationRecord.Entry(image.packageName(), image.packageVersion(), ActivationRecord.Phase.INSTALLED, "");
        } catch (ImageActivationException | RuntimeException e) {
            outcome = new ActivationRecord.Entry(image.packageName(), image.packageVersion(), ActivationRecord.Phase.FAILED,
                    String.valueOf(e.getMessage()));
        }
        record.write(outcome);
        synchronized (this) {
            status = outcome.phase() == ActivationRecord.Phase.INSTALLED ? ImageTransferStatus.ACTIVATION_SUCCESSFUL
                    : ImageTransferStatus.ACTIVATION_FAILED;
            lastFailure = outcome.detail();
        }
        if (outcome.phase() == ActivationRecord.Phase.FAILED) {
            LOG.warn("image activation of {} {} failed: {}", image.packageName(), image.packageVersion(), outcome.detail());
        } else {
            LOG.info("image activation of {} {} successful", image.packageName(), image.packageVersion());
        }
    }

    /**
     * image_transfer_status. Before any transfer in this instance, the last activation's record answers (the
     * server that activated an image was restarted by it): PENDING counts as successful once the package
     * is installed at the recorded version.
     */
    public synchronized ImageTransferStatus status() {
        if (status != ImageTransferStatus.NOT_INITIATED) {
            return status;
        }
        return record.read().map(entry -> switch (entry.phase()) {
            case INSTALLED -> ImageTransferStatus.ACTIVATION_SUCCESSFUL;
            case FAILED -> ImageTransferStatus.ACTIVATION_FAILED;
            case PENDING -> activation.installedVersion(entry.packageName()).filter(entry.packageVersion()::equals).isPresent()
                    ? ImageTransferStatus.ACTIVATION_SUCCESSFUL : ImageTransferStatus.ACTIVATION_INITIATED;
        }).orElse(ImageTransferStatus.NOT_INITIATED);
    }

    /** Why the last verification or activation failed ("" if none). */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    /** image_first_not_transferred_block_number. */
    public synchronized long firstNotTransferredBlock() {
        return status == ImageTransferStatus.NOT_INITIATED ? 0 : received.nextClearBit(0);
    }

    /** image_transferred_blocks_status: one flag per block of the initiated image. */
    public synchronized boolean[] transferredBlocks() {
        boolean[] flags = new boolean[blockCount];
        for (int i = 0; i < blockCount; i++) {
            flags[i] = received.get(i);
        }
        return flags;
    }

    /** image_to_activate_info: the verified image, if any. */
    public synchronized Optional<ToActivate> toActivate() {
        return verified.map(v -> new ToActivate(image.length, identifier.clone(), v.signature().clone()));
    }

    /** Requests refused since this object was made (bad input is counted, BUILD rule). */
    public long refusals() {
        return refusals.get();
    }

    private Step failVerification(String why) {
        status = ImageTransferStatus.VERIFICATION_FAILED;
        verified = Optional.empty();
        lastFailure = why;
        refusals.incrementAndGet();
        LOG.warn("image verification failed: {}", why);
        return Step.refused("image verification failed: " + why);
    }

    private Step refuse(String why) {
        refusals.incrementAndGet();
        LOG.warn("image transfer request refused: {}", why);
        return Step.refused(why);
    }

    @Override
    public synchronized String toString() {
        return "ImageTransfer[" + status + ", " + received.cardinality() + "/" + blockCount + " blocks, identifier "
                + Arrays.toString(identifier) + "]";
    }
}
