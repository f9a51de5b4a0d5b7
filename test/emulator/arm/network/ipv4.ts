/** IPv4 arithmetic for subnets: prefixes, membership and Azure's reserved addresses. */

/** An IPv4 prefix such as 10.0.1.0/24 as integers. */
export interface Ipv4Prefix {
  readonly network: number;
  readonly size: number;
  readonly text: string;
}

/** Parses a dotted IPv4 address, or undefined. */
export function parseIpv4(address: string): number | undefined {
  const parts = address.trim().split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    return undefined;
  }
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** Formats an integer as a dotted IPv4 address. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/n`, or undefined. */
export function parsePrefix(prefix: string): Ipv4Prefix | undefined {
  const [address, bits] = prefix.split('/');
  const base = parseIpv4(address);
  const length = Number(bits);
  if (base === undefined || !Number.isInteger(length) || length < 0 || length > 32) {
    return undefined;
  }
  const size = 2 ** (32 - length);
  return { network: base - (base % size), size, text: prefix };
}

/** True when the address lies in the prefix. */
export function prefixContains(prefix: Ipv4Prefix, address: number): boolean {
  return address >= prefix.network && address < prefix.network + prefix.size;
}

/** Azure reserves the first four and the last address of every subnet. */
export function isPlatformReserved(prefix: Ipv4Prefix, address: number): boolean {
  const offset = address - prefix.network;
  return offset < 4 || offset === prefix.size - 1;
}

/** True when the two prefixes share an address. */
export function prefixesOverlap(first: Ipv4Prefix, second: Ipv4Prefix): boolean {
  return first.network < second.network + second.size && second.network < first.network + first.size;
}
