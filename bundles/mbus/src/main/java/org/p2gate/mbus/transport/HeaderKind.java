package org.p2gate.mbus.transport;

/**
 * The transport-layer header a CI-field implies (EN 13757-3 §5, P2 4.2.2 §4.2.1).
 */
public enum HeaderKind {
    /** No header: the application data follows the CI directly (e.g. 51h, 78h). */
    NONE(0),
    /** Short header: ACC, STS, CW (4 bytes; 5 with a mode-7 CFE). */
    SHORT(ShortHeader.LENGTH),
    /** Long header: ID MAN VER DEV, then ACC, STS, CW (12 bytes; 13 with a mode-7 CFE). */
    LONG(LongHeader.LENGTH);

    private final int length;

    HeaderKind(int length) {
        this.length = length;
    }

    /** The header's size on the wire without a configuration field extension. */
    public int length() {
        return length;
    }
}
