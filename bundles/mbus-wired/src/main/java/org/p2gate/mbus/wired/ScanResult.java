package org.p2gate.mbus.wired;

import java.util.List;

/**
 * What a scan found.
 *
 * @param probed     how many addresses were probed
 * @param found      the devices that acknowledged SND_NKE and answered REQ_UD2, in address order of probing
 * @param unreadable the failures at addresses where something answered but no valid RSP_UD could be read
 *                   (e.g. a collision of two devices sharing an address)
 */
public record ScanResult(int probed, List<FoundDevice> found, List<LinkException> unreadable) {

    public ScanResult {
        found = List.copyOf(found);
        unreadable = List.copyOf(unreadable);
    }
}
