/*
 * p2gate - compile-only declarations of the Eclipse Kura API used by the p2gate Kura adapter.
 * Written for p2gate (not copied from Kura); only names and signatures follow Kura 5.4.1.
 * SPDX-License-Identifier: GPL-2.0-only
 */
package org.eclipse.kura.crypto;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import org.eclipse.kura.KuraException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura's encryption, encoding and hashing service: all 13 methods of Kura 5.4.1 ({@code org.eclipse.kura.crypto}
 * 1.3.0), so that a class implementing it here (a test double) also has Kura's shape. Implemented by Kura.
 * The adapter calls only {@link #decryptAes(char[])}. (Kura 5.5 adds two stream methods in package version 1.4.0.)
 */
@ProviderType
public interface CryptoService {

    /** Kura's ciphertext of a value (Kura 5.4: base64 of the IV, "-", base64 of the AES-GCM output). */
    public char[] encryptAes(char[] value) throws KuraException;

    /** The plain text of a value Kura stored encrypted (e.g. a configuration property of type Password). */
    public char[] decryptAes(char[] encryptedValue) throws KuraException;

    /** @deprecated Kura: use {@link #encryptAes(char[])} */
    @Deprecated
    public String encryptAes(String value) throws NoSuchAlgorithmException, NoSuchPaddingException,
            InvalidKeyException, IllegalBlockSizeException, BadPaddingException;

    /** @deprecated Kura: use {@link #decryptAes(char[])} */
    @Deprecated
    public String decryptAes(String encryptedValue) throws NoSuchAlgorithmException, NoSuchPaddingException,
            InvalidKeyException, IOException, IllegalBlockSizeException, BadPaddingException;

    /** The SHA-1 hash of the text. */
    default String sha1Hash(String s) throws NoSuchAlgorithmException, UnsupportedEncodingException {
        return hash(s, "SHA-1");
    }

    /** The SHA-256 hash of the text. */
    default String sha256Hash(String s) throws NoSuchAlgorithmException, UnsupportedEncodingException {
        return hash(s, "SHA-256");
    }

    /** The hash of the text with the given algorithm. */
    public String hash(String s, String algorithm) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    public String encodeBase64(String stringValue) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    public String decodeBase64(String encodedValue) throws NoSuchAlgorithmException, UnsupportedEncodingException;

    /** The password of the key store at the path. */
    public char[] getKeyStorePassword(String keyStorePath);

    public void setKeyStorePassword(String keyStorePath, char[] password) throws KuraException;

    /** @deprecated Kura: use {@link #setKeyStorePassword(String, char[])} */
    @Deprecated
    public void setKeyStorePassword(String keyStorePath, String password) throws IOException;

    /** Whether Kura runs in security mode. */
    public boolean isFrameworkSecure();
}
