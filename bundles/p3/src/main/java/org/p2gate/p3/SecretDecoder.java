package org.p2gate.p3;

/**
 * How the P3 component reads its key properties when the configuration system stores them encrypted (Eclipse Kura
 * hands password properties to components as its own ciphertext). Offered as a service by the platform adapter
 * ({@code org.p2gate.kura}); without one, the properties are the keys in hex.
 */
@FunctionalInterface
public interface SecretDecoder {

    /**
     * The plain value of a stored secret property; the stored value itself if it is not encrypted.
     *
     * @throws IllegalArgumentException if it looks encrypted and cannot be decrypted (the message never holds it)
     */
    String decode(String stored);
}
