package org.p2gate.mbus.wireless;

/** Receives the admitted frames of bound meters (SND_NR readings, RSP_UD, ACK, SND_IR), on the link's worker. */
@FunctionalInterface
public interface WirelessListener {

    WirelessListener NONE = message -> { };

    void received(WirelessMessage message);
}
