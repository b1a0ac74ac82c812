/**
 * Link-layer frames: wired FT1.2 (EN 13757-2: single character, short, control and long frames, stream parser) and wireless FT3 (EN 13757-4: formats A and B, CRC-16).
 *
 * <ul>
 * <li>{@link org.p2gate.mbus.frame.CField} and {@link org.p2gate.mbus.frame.LinkFunction}: the C-field and the
 *     functions it names per medium, with the FCB/FCV (primary) and ACD/DFC (secondary) bits.</li>
 * <li>{@link org.p2gate.mbus.frame.WiredFrame} ({@code SingleCharacter}, {@code ShortFrame}, {@code LongFrame}):
 *     encode and decode exactly one frame; {@link org.p2gate.mbus.frame.WiredStreamParser} finds frames in a
 *     serial byte stream.</li>
 * <li>{@link org.p2gate.mbus.frame.WirelessFrame}, {@link org.p2gate.mbus.frame.WirelessFrameFormat},
 *     {@link org.p2gate.mbus.frame.Crc16}: L C M A + link data, with block CRCs in format A or B.</li>
 * </ul>
 * Decoders throw only {@link org.p2gate.mbus.DecodeException}; its offset counts from the first byte of the
 * frame the caller passed.
 */
@Export
@Version("0.1.0")
package org.p2gate.mbus.frame;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
