package org.p2gate.headend;

import org.p2gate.mbus.transport.ManufacturerCode;

import java.util.List;
import java.util.Optional;

/**
 * Every attribute of an M-Bus Client Setup 0-x:24.1.0.255 (class 72 version 1, P2 4.2.2
 * Appendix A): the port, what is captured, the device identification (Short ID), its status and
 * the key status.
 */
public record ChannelSetup(
        int channel,
        String mbusPortReference,
        List<CaptureDefinition> captureDefinition,
        long capturePeriod,
        int primaryAddress,
        long identificationNumber,
        int manufacturerId,
        int version,
        int deviceType,
        int accessNumber,
        int status,
        int alarm,
        int configuration,
        int encryptionKeyStatusCode) {

    public ChannelSetup {
        captureDefinition = List.copyOf(captureDefinition);
    }

    /**
     * The identification number as the device's serial number: the four BCD bytes of the M-Bus
     * ident read as an unsigned 32-bit number (DSMR practice), so its 8 hex digits are the serial.
     */
    public String serialNumber() {
        return String.format("%08X", identificationNumber);
    }

    /** The manufacturer's three-letter code (EN 13757-3 §5.6: 5 bits per letter, 'A' = 1). */
    public String manufacturer() {
        return new ManufacturerCode(manufacturerId).letters();
    }

    /** Attribute 14 as an enum, if its value is one of the defined five. */
    public Optional<EncryptionKeyStatus> encryptionKeyStatus() {
        return EncryptionKeyStatus.of(encryptionKeyStatusCode);
    }

    /** Whether a device is bound: P2 §8: an unbound channel has identification number and primary address 0. */
    public boolean bound() {
        return identificationNumber != 0 || primaryAddress != 0;
    }
}
