package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.objects.GXDLMSImageTransfer;
import gurux.dlms.objects.GXDLMSObject;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.p2gate.cosem.ClientKind;
import org.p2gate.cosem.image.ImageTransfer;

/**
 * Image Transfer 0-0:44.0.0.255 (Blue Book class 18, version 0): every attribute answered from the
 * {@link ImageTransfer} process, the four methods handed to it (Gurux has no server-side implementation
 * of them that would verify or activate anything). Management client only.
 */
final class ImageTransferObject implements CosemObject {

    static final String LOGICAL_NAME = "0.0.44.0.0.255";
    private static final int BIT_STRING = 0x04;
    private static final int BOOLEAN = 0x03;

    private final ImageTransfer transfer;
    private final GXDLMSImageTransfer object = new GXDLMSImageTransfer(LOGICAL_NAME);

    ImageTransferObject(ImageTransfer transfer) {
        this.transfer = transfer;
    }

    @Override
    public GXDLMSObject object() {
        return object;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        return kind == ClientKind.MANAGEMENT && index >= 1 && index <= 7 ? AccessMode.READ : AccessMode.NO_ACCESS;
    }

    @Override
    public MethodAccessMode methodAccess(ClientKind kind, int index) {
        return kind == ClientKind.MANAGEMENT && index >= 1 && index <= 4 ? MethodAccessMode.ACCESS : MethodAccessMode.NO_ACCESS;
    }

    @Override
    public void read(ValueEventArgs e) {
        if (e.getIndex() < 2 || e.getIndex() > 7) {
            return; // logical name: Gurux's
        }
        Axdr out = new Axdr();
        switch (e.getIndex()) {
            case 2 -> out.doubleLongUnsigned(ImageTransfer.BLOCK_SIZE);
            case 3 -> out.raw(bitString(transfer.transferredBlocks()));
            case 4 -> out.doubleLongUnsigned(transfer.firstNotTransferredBlock());
            case 5 -> out.raw(new byte[] {BOOLEAN, (byte) (transfer.enabled() ? 1 : 0)});
            case 6 -> out.enumeration(transfer.status().cosemValue());
            default -> { // 7 image_to_activate_info: array of {size, identification, signature}
                Optional<ImageTransfer.ToActivate> info = transfer.toActivate();
                out.array(info.isPresent() ? 1 : 0);
                info.ifPresent(i -> out.structure(3).doubleLongUnsigned(i.size()).octetString(i.identifier())
                        .octetString(i.signature()));
            }
        }
        ProfileObject.answer(e, out.bytes());
    }

    @Override
    public void action(ValueEventArgs e) {
        String what = LOGICAL_NAME + " method " + e.getIndex();
        ImageTransfer.Step step;
        switch (e.getIndex()) {
            case 1 -> { // image_transfer_initiate(identifier octet-string, size double-long-unsigned)
                if (!(e.getParameters() instanceof List<?> p) || p.size() != 2 || !(p.get(0) instanceof byte[] id)
                        || !(p.get(1) instanceof Number size)) {
                    MethodResults.typeUnmatched(e, "image_transfer_initiate", "a structure {octet-string, double-long-unsigned} is expected");
                    return;
                }
                step = transfer.initiate(id, size.longValue());
            }
            case 2 -> { // image_block_transfer(block number double-long-unsigned, block value octet-string)
                if (!(e.getParameters() instanceof List<?> p) || p.size() != 2 || !(p.get(0) instanceof Number number)
                        || !(p.get(1) instanceof byte[] value)) {
                    MethodResults.typeUnmatched(e, "image_block_transfer", "a structure {double-long-unsigned, octet-string} is expected");
                    return;
                }
                step = transfer.block(number.longValue(), value);
            }
            case 3 -> step = transfer.verify();
            case 4 -> step = transfer.activate();
            default -> {
                MethodResults.refuse(e, what, ErrorCode.UNDEFINED_OBJECT, "class 18 has methods 1..4");
                return;
            }
        }
        e.setHandled(true);
        if (!step.accepted()) {
            // DLMS Blue Book 4.4.6: a refused step answers an error; the reason is logged by ImageTransfer
            e.setError(ErrorCode.OTHER_REASON);
        }
    }

    /** A-XDR bit-string: tag, length in bits, the bits from the most significant bit of the first byte. */
    static byte[] bitString(boolean[] bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(BIT_STRING);
        int length = bits.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        byte[] packed = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++) {
            if (bits[i]) {
                packed[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        out.writeBytes(packed);
        return out.toByteArray();
    }
}
