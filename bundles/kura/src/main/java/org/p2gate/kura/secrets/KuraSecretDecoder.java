package org.p2gate.kura.secrets;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2gate.p3.SecretDecoder;

/**
 * The P3 keys on Kura: Kura hands configuration properties of type Password to components as its own ciphertext
 * (CryptoService); this decoder gives the P3 component the keys in hex. A value that already is 32 hex digits is
 * taken as it is (a configuration written without Kura's encryption).
 */
@Component(service = SecretDecoder.class)
public final class KuraSecretDecoder implements SecretDecoder {

    private final CryptoService crypto;

    @org.osgi.service.component.annotations.Activate
    public KuraSecretDecoder(@Reference CryptoService crypto) {
        this.crypto = crypto;
    }

    @Override
    public String decode(String stored) {
        if (stored.isEmpty() || stored.matches("[0-9A-Fa-f]{32}")) {
            return stored;
        }
        try {
            return new String(crypto.decryptAes(stored.toCharArray()));
        } catch (KuraException | RuntimeException e) {
            // never the value: it is a secret, encrypted or not
            throw new IllegalArgumentException("Kura could not decrypt the password property (" + e.getClass().getSimpleName()
                    + "); enter the key again in the web UI");
        }
    }
}
