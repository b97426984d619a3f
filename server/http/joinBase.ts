/**
 * The address students' phones use to reach this server (docs/classroom.md, "Joinable by phones").
 *
 * A teacher following the README opens http://localhost:PORT/ on the projector's computer; a join
 * link and QR code built from that page's own address say "localhost", which no phone can open.
 * The server knows better: PUBLIC_URL when the operator set one (a proxy, a domain), else this
 * machine's address on the local network.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export type JoinBaseSource = 'public-url' | 'lan' | 'localhost';

export interface JoinBase {
  /** Absolute URL ending in `/`, e.g. `http://192.168.1.20:2567/`. */
  url: string;
  source: JoinBaseSource;
  /** Every LAN address found, best first (the projector can offer the others). */
  lan: string[];
}

/** Private IPv4 ranges first (a classroom network), then any other non-internal IPv4. */
function rank(address: string): number {
  if (/^192\.168\./.test(address)) return 0;
  if (/^10\./.test(address)) return 1;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(address)) return 2;
  // Link-local (169.254/16) only works without a DHCP server: last.
  if (/^169\.254\./.test(address)) return 4;
  return 3;
}

/** This machine's non-loopback IPv4 addresses, best first. */
export function lanAddresses(ifaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(ifaces)) {
    for (const i of list ?? []) {
      if (i.internal || i.family !== 'IPv4' || found.includes(i.address)) continue;
      found.push(i.address);
    }
  }
  return found.sort((a, b) => rank(a) - rank(b));
}

/** A PUBLIC_URL as an absolute URL ending in `/`, or null when it is not one. */
export function normalisePublicUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.origin}${u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`}`;
  } catch {
    return null;
  }
}

export function joinBase(publicUrl: string, port: number, ifaces?: NodeJS.Dict<NetworkInterfaceInfo[]>): JoinBase {
  const lan = lanAddresses(ifaces).map((a) => `http://${a}:${port}/`);
  const configured = normalisePublicUrl(publicUrl);
  if (configured) return { url: configured, source: 'public-url', lan };
  if (lan.length) return { url: lan[0] as string, source: 'lan', lan };
  return { url: `http://localhost:${port}/`, source: 'localhost', lan };
}
