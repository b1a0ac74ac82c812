package org.p2gate.master;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.ShortId;

/**
 * Re-encrypts a meter's mode-15 RSP_UD as a meter with a wrong IV would (test helper, issue 16 item 3): in CBC a
 * wrong IV garbles only the first plaintext block, by the XOR of the two IVs. The IV here differs in byte 2 (the
 * ID's low byte) so that the master, decrypting with the right IV, sees 2F 2F and then DIF 0Fh (manufacturer data):
 * the case the 2F 2F check alone let through.
 */
final class WrongIv implements UnaryOperator<byte[]> {

    /** 68 L L 68 C A CI, then the long header (ID 4, MAN 2, VER, DEV, ACC, ST, CW 2): the data start at 19. */
    private static final int DATA = 19;
    private final String keyHex;
    private final AesKey key;
    private final ShortId device;

    WrongIv(String keyHex, ShortId device) {
        this.keyHex = keyHex;
        this.key = AesKey.fromHex(keyHex);
        this.device = device;
    }

    @Override
    public byte[] apply(byte[] frame) {
        byte[] out = frame.clone();
        int blocks = (out[17] >> 4) & 0x0F;
        int length = blocks * 16;
        int fcAt = DATA + length + 3; // 04 FD 08, then the counter, little endian
        long fc = (out[fcAt] & 0xFFL) | (out[fcAt + 1] & 0xFFL) << 8 | (out[fcAt + 2] & 0xFFL) << 16 | (out[fcAt + 3] & 0xFFL) << 24;
        try {
            byte[] plain = Mode15Cipher.decrypt(key, device, fc, out, DATA, length);
            byte[] iv = Mode15Cipher.initializationVector(device, fc);
            iv[2] ^= (byte) (plain[2] ^ 0x0F); // the master's decryption then shows DIF 0Fh at plaintext byte 2
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(keyHex), "AES"), new IvParameterSpec(iv));
            byte[] cipher = aes.doFinal(plain);
            System.arraycopy(cipher, 0, out, DATA, length);
        } catch (DecodeException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int sum = 0;
        for (int i = 4; i < out.length - 2; i++) {
            sum += out[i] & 0xFF;
        }
        out[out.length - 2] = (byte) sum;
        return out;
    }
}
