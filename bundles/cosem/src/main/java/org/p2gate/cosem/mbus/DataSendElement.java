package org.p2gate.cosem.mbus;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.record.DataField;
import org.p2gate.mbus.record.DataInformationBlock;
import org.p2gate.mbus.record.DataRecord;

/**
 * One data_definition_element of class 72 method data_send (Blue Book: structure {dib octet-string,
 * vib octet-string, data}) as the M-Bus data record it stands for: the DIB and VIB bytes as given, the
 * data as the DIB's data field holds it (EN 13757-3 Table 4: integers little-endian in the field's
 * length; any field from an octet-string of exactly its length).
 */
final class DataSendElement {

    private DataSendElement() {}

    static DataRecord toRecord(Object element) throws DecodeException {
        if (!(element instanceof List<?> e) || e.size() != 3 || !(e.get(0) instanceof byte[] dib)
                || !(e.get(1) instanceof byte[] vib)) {
            throw new IllegalArgumentException("a data_definition_element is a structure {dib octet-string, vib octet-string, data}");
        }
        DataField field = DataInformationBlock.decode(dib, 0, dib.length).dataField();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(dib);
        record.writeBytes(vib);
        Object data = e.get(2);
        if (data instanceof byte[] raw) {
            if (field.length() < 0) {
                if (raw.length > 0xBF) {
                    throw new IllegalArgumentException("variable-length data has at most 191 bytes, got " + raw.length);
                }
                record.write(raw.length); // EN 13757-3 Table 5: LVAR 00h..BFh, that many characters
            } else if (raw.length != field.length()) {
                throw new IllegalArgumentException("data of " + raw.length + " bytes for a DIB data field of " + field.length());
            }
            record.writeBytes(raw);
        } else if (data instanceof Number number && field.isInteger()) {
            long value = number.longValue();
            for (int i = 0; i < field.length(); i++) {
                record.write((int) (value >>> (8 * i)) & 0xFF);
            }
        } else {
            throw new IllegalArgumentException("data of type " + (data == null ? "null-data" : data.getClass().getSimpleName())
                    + " does not fit DIB data field " + field);
        }
        byte[] bytes = record.toByteArray();
        return DataRecord.decode(bytes, 0, bytes.length);
    }
}
