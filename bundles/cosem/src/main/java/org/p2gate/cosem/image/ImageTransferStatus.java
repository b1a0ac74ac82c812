package org.p2gate.cosem.image;

/** image_transfer_status (Blue Book class 18 attribute 6), with its enum values. */
public enum ImageTransferStatus {
    NOT_INITIATED(0), INITIATED(1), VERIFICATION_INITIATED(2), VERIFICATION_SUCCESSFUL(3), VERIFICATION_FAILED(4),
    ACTIVATION_INITIATED(5), ACTIVATION_SUCCESSFUL(6), ACTIVATION_FAILED(7);

    private final int cosemValue;

    ImageTransferStatus(int cosemValue) {
        this.cosemValue = cosemValue;
    }

    public int cosemValue() {
        return cosemValue;
    }
}
