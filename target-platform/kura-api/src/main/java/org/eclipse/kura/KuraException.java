/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The exception type of the Kura API: an {@link Exception} that carries a {@link KuraErrorCode} and optional message
 * arguments.
 * <p>
 * Kura's own class renders localized messages; this declaration only renders the code and its arguments.
 */
@ProviderType
public class KuraException extends Exception {

    private static final long serialVersionUID = 1L;

    private final KuraErrorCode code;
    private final transient Object[] arguments;

    public KuraException(final KuraErrorCode code) {
        this.code = code;
        this.arguments = null;
    }

    public KuraException(final KuraErrorCode code, final Object... arguments) {
        this.code = code;
        this.arguments = arguments;
    }

    public KuraException(final KuraErrorCode code, final Throwable cause, final Object... arguments) {
        super(cause);
        this.code = code;
        this.arguments = arguments;
    }

    public KuraErrorCode getCode() {
        return this.code;
    }

    @Override
    public String getMessage() {
        final String name = this.code == null ? "UNKNOWN" : this.code.name();
        if (this.arguments == null || this.arguments.length == 0) {
            return name;
        }
        return name + " " + Arrays.toString(this.arguments);
    }
}
