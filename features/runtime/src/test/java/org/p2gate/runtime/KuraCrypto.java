package org.p2gate.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * A CryptoService that writes what Kura 5.4's org.eclipse.kura.core.crypto CryptoServiceImpl writes (learned from its
 * source, written here): AES-128-GCM with a 128-bit tag and a random 12-byte IV under Kura's default secret key (16
 * UTF-8 bytes, overridable on a gateway), stored as base64(IV) "-" base64(ciphertext and tag). decryptAes refuses
 * what it did not encrypt with DECODER_ERROR, and gives an empty value back for an empty one, as Kura's does.
 */
final class KuraCrypto implements CryptoService {

    /** Kura's default secret key (org.eclipse.kura.core.crypto.secretKey when not set). */
    private static final byte[] KURA_DEFAULT_KEY = "rv;ipse329183!@#".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, char[]> keyStorePasswords = new HashMap<>();

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv).doFinal(new String(value).getBytes(StandardCharsets.UTF_8));
            return (base64(iv) + "-" + base64(sealed)).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.ENCODE_ERROR, e, "value");
        }
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        if (encryptedValue.length == 0) {
            return new char[0];
        }
        String[] parts = new String(encryptedValue).split("-");
        if (parts.length != 2) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value");
        }
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(parts[0]))
                    .doFinal(Base64.getDecoder().decode(parts[1]));
            return new String(plain, StandardCharsets.UTF_8).toCharArray();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, e, "value");
        }
    }

    private static Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(KURA_DEFAULT_KEY, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    @Deprecated
    public String encryptAes(String value) {
        try {
            return new String(encryptAes(value.toCharArray()));
        } catch (KuraException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Deprecated
    public String decryptAes(String encryptedValue) throws IOException {
        try {
            return new String(decryptAes(encryptedValue.toCharArray()));
        } catch (KuraException e) {
            throw new IOException(e);
        }
    }

    @Override
    public String hash(String s, String algorithm) throws NoSuchAlgorithmException {
        return base64(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String encodeBase64(String stringValue) {
        return base64(stringValue.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decodeBase64(String encodedValue) {
        return new String(Base64.getDecoder().decode(encodedValue), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized char[] getKeyStorePassword(String keyStorePath) {
        return keyStorePasswords.getOrDefault(keyStorePath, "changeit".toCharArray()).clone();
    }

    @Override
    public synchronized void setKeyStorePassword(String keyStorePath, char[] password) {
        keyStorePasswords.put(keyStorePath, password.clone());
    }

    @Override
    @Deprecated
    public void setKeyStorePassword(String keyStorePath, String password) {
        setKeyStorePassword(keyStorePath, password.toCharArray());
    }

    @Override
    public boolean isFrameworkSecure() {
        return false;
    }
}
