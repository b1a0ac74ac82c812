package org.p2gate.mbus.wireless;

import java.io.IOException;

/** A receive-only radio was asked to arm an answer; the message names a radio that can. */
public final class RadioCannotAnswerException extends IOException {

    private static final long serialVersionUID = 1L;

    public RadioCannotAnswerException(String radio) {
        super(radio + " cannot answer a meter inside its 2–3 ms response window (EN 13757-4 T2) and is receive-only; "
                + Radio.ANSWERING_RADIO);
    }
}
