package org.p2gate.simulator.wired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.ValueInformationBlock;

/**
 * A simulated DSMR meter's readout list (P2 4.2.2 §6.3): what it answers when the E-meter selected items, and the
 * version texts it can be asked for (§6.4.2). Shared by the wired and the wireless meter.
 */
public final class ReadoutList {

    private ReadoutList() {}

    /** The version texts of a simulated DSMR 4.2.2 meter (P2 §6.4.2: VIFE 0Ch..0Fh), by VIFE. */
    public static Map<Integer, Map<String, String>> defaultVersions() {
        Map<Integer, Map<String, String>> versions = new LinkedHashMap<>();
        versions.put(0x0C, Map.of("dsmr", "4.2.2"));
        versions.put(0x0D, orderedMap("met", "PCB1.0", "com", "p2gate simulator"));
        versions.put(0x0E, Map.of("met", "FW1.0"));
        versions.put(0x0F, orderedMap("com", "FW1.0", "apl", "FW1.0", "cfg", "1"));
        return versions;
    }

    /**
     * §6.3.1: the selected items this device has, in the order selected ("the answer data field is determined by the
     * slave"): from its default records and its version texts.
     */
    public static List<DataRecord> selected(List<DataRecord> defaults, Map<Integer, Map<String, String>> versions,
            List<ValueInformationBlock> selection) {
        List<DataRecord> available = new ArrayList<>(defaults);
        versions.forEach((vife, properties) -> available.add(DsmrRecords.versionProperties(vife, properties)));
        List<DataRecord> out = new ArrayList<>();
        for (ValueInformationBlock wanted : selection) {
            for (DataRecord r : available) {
                if (r.valueInformation().equals(wanted) && !out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
