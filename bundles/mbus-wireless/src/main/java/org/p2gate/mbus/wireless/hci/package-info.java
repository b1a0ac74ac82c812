/**
 * The IMST iM871A host controller interface (WMBus HCI spec V1.6, as publicly documented by IMST and by the
 * open-source tools that drive the dongle): message framing, CRC and the serial port. Private to the bundle.
 */
package org.p2gate.mbus.wireless.hci;
