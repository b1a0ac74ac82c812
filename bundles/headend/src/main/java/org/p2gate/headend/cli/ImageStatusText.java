package org.p2gate.headend.cli;

/** The image_transfer_status values of the Image Transfer object (DLMS Blue Book class 18, attribute 6) as text. */
final class ImageStatusText {

    private static final String[] TEXTS = {"not initiated", "initiated", "verification initiated", "verification successful",
        "verification failed", "activation initiated", "activation successful", "activation failed"};

    private ImageStatusText() {}

    static String of(int status) {
        return status >= 0 && status < TEXTS.length ? TEXTS[status] + " (" + status + ")" : "unknown status " + status;
    }
}
