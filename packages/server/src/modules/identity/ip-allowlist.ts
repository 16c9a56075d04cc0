import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export type AllowlistParse = { ok: true; ranges: Range[] } | { ok: false; error: string };

/**
 * Parses a newline-separated list of IPs and CIDR subnets (IPv4 and IPv6). Blank lines are ignored;
 * the first invalid line is reported by its number, as the user typed it.
 */
export function parseAllowlist(text: string): AllowlistParse {
  const ranges: Range[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const range = parseEntry(line);
    if (!range) return { ok: false, error: `Line ${i + 1}: “${line}” is not an IP address or CIDR subnet` };
    ranges.push(range);
  }
  if (ranges.length === 0) return { ok: false, error: 'Enter at least one IP address or subnet' };
  return { ok: true, ranges };
}

/** Strict syntax: IPv4 only as four decimal parts (ipaddr.js alone would also take `10.0.0` or hex). */
function isStrictAddress(text: string): boolean {
  return text.includes(':') ? ipaddr.IPv6.isValid(text) : ipaddr.IPv4.isValidFourPartDecimal(text);
}

function parseEntry(entry: string): Range | null {
  if (!isStrictAddress(entry.split('/')[0]!)) return null;
  try {
    if (entry.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(entry);
      const v4 = normalise(addr);
      if (v4 !== addr && bits >= 96) return [v4, bits - 96];
      return [addr, bits];
    }
    const addr = normalise(ipaddr.parse(entry));
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}

function normalise(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  // ::ffff:10.0.0.1 (how dual-stack servers report IPv4 clients) is the IPv4 address 10.0.0.1.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr;
}

/** Whether `ip` is allowed by the list; `null` (no list) allows every address. */
export function isIpAllowed(allowlist: string | null, ip: string): boolean {
  if (allowlist === null) return true;
  const parsed = parseAllowlist(allowlist);
  if (!parsed.ok) return false;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = normalise(ipaddr.parse(ip));
  } catch {
    return false;
  }
  return parsed.ranges.some(([net, bits]) =>
    net.kind() === 'ipv4'
      ? addr.kind() === 'ipv4' && (addr as ipaddr.IPv4).match(net as ipaddr.IPv4, bits)
      : addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).match(net as ipaddr.IPv6, bits),
  );
}
