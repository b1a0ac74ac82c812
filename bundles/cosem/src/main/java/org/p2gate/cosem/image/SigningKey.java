package org.p2gate.cosem.image;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The image signing public key from configuration: PEM ("-----BEGIN PUBLIC KEY-----") or base64 DER, EC P-256. */
public final class SigningKey {

    private SigningKey() {}

    public static PublicKey parse(String text) {
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("the image signing public key is empty");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the image signing public key is not an EC public key in PEM or base64"
                    + " X.509 DER form: " + e.getMessage(), e);
        }
    }
}
