/**
 * IPv4 arithmetic and the rules for the process server's static private IP address and ports (docs/domain.md, "Input
 * rules Azure enforces", from the virtual network FAQ): the address lies inside the subnet's prefix, and Azure
 * reserves the first four and the last address of every subnet. Whether an address is still free is Azure's to answer
 * (`CheckIPAddressAvailability`); that check is not made here.
 *
 * Addresses are numbers from 0 to 2^32 - 1 (the dotted quad read as an unsigned 32-bit integer). The text a user types
 * is checked as it is, not trimmed: what passes validation is exactly what the wizard sends to Azure, and surrounding
 * spaces get a message of their own.
 */
import * as vscode from 'vscode';

/** An IPv4 address prefix (CIDR block): the network's first address and the prefix length, 0 to 32. */
export interface Ipv4Prefix {
  readonly network: number;
  readonly length: number;
}

/** One address Azure keeps for itself in a subnet: one of the first four, or the last. */
export interface ReservedAddress {
  readonly address: number;
  readonly position: 'firstFour' | 'last';
}

const DOTTED_QUAD = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;
const PREFIX_LENGTH = /^(0|[1-9][0-9]?)$/;
const ADDRESS_COUNT = 2 ** 32;
const RESERVED_AT_START = 4;
const PORT_MAX = 65535;

/**
 * A strict dotted quad ("10.0.2.4"): four decimal numbers from 0 to 255, no leading zeros ("010" is refused, as some
 * tools read it as octal), no signs, no spaces. Undefined for anything else.
 */
export function parseIpv4(text: string): number | undefined {
  const match = DOTTED_QUAD.exec(text);
  if (match === null) {
    return undefined;
  }
  let value = 0;
  for (const part of match.slice(1)) {
    const octet = Number(part);
    if (octet > 255) {
      return undefined;
    }
    value = value * 256 + octet;
  }
  return value;
}

/** The dotted quad of an address; throws a RangeError for a number that is not one. */
export function formatIpv4(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= ADDRESS_COUNT) {
    throw new RangeError(`Not an IPv4 address: ${value}`);
  }
  return [Math.floor(value / 2 ** 24), Math.floor(value / 2 ** 16) % 256, Math.floor(value / 2 ** 8) % 256, value % 256].join('.');
}

/**
 * A CIDR block such as "10.10.2.0/24": a strict dotted quad (see {@link parseIpv4}), a slash and a length from 0 to 32
 * without leading zeros. The address must be the block's first address (no host bits set): "10.10.2.5/24" is not a
 * prefix and gives undefined, as Azure does not accept it for a subnet either.
 */
export function parseIpv4Prefix(cidr: string): Ipv4Prefix | undefined {
  const parts = cidr.split('/');
  if (parts.length !== 2) {
    return undefined;
  }
  const [addressText, lengthText] = parts;
  const network = parseIpv4(addressText);
  if (network === undefined || !PREFIX_LENGTH.test(lengthText)) {
    return undefined;
  }
  const length = Number(lengthText);
  if (length > 32 || network % blockSize(length) !== 0) {
    return undefined;
  }
  return { network, length };
}

/**
 * The addresses Azure reserves in a subnet, lowest first: the first four and the last. A block of four addresses or
 * fewer (which Azure does not allow as a subnet; its smallest is /29) is reserved whole, each address counted once,
 * as one of the first four.
 */
export function reservedAddresses(prefix: Ipv4Prefix): readonly ReservedAddress[] {
  const size = blockSize(prefix.length);
  const reserved: ReservedAddress[] = [];
  for (let offset = 0; offset < Math.min(RESERVED_AT_START, size); offset++) {
    reserved.push({ address: prefix.network + offset, position: 'firstFour' });
  }
  if (size > RESERVED_AT_START) {
    reserved.push({ address: prefix.network + size - 1, position: 'last' });
  }
  return reserved;
}

/**
 * The first address Azure lets a NIC have in the subnet (the one after the four reserved ones), as a dotted quad;
 * undefined when the subnet prefix is not an IPv4 prefix or the subnet has no address left to assign (smaller than /29).
 */
export function firstAssignableAddress(subnetPrefix: string): string | undefined {
  const prefix = parseIpv4Prefix(subnetPrefix);
  const range = prefix === undefined ? undefined : assignableRange(prefix);
  return range === undefined ? undefined : formatIpv4(range.first);
}

/**
 * The static private IP address the server gets in the subnet whose prefix is `subnetPrefix` (as Azure reports it,
 * "10.10.2.0/24"): a strict dotted quad, inside the subnet, and not one of the addresses Azure reserves there.
 * Surrounding spaces are not trimmed but refused with their own message.
 */
export function validateStaticIpAddress(text: string, subnetPrefix: string): string | undefined {
  const prefix = parseIpv4Prefix(subnetPrefix);
  if (prefix === undefined) {
    return vscode.l10n.t(
      'The address prefix "{0}" of the subnet is not an IPv4 prefix such as 10.0.2.0/24; choose a subnet with an IPv4 address prefix.',
      subnetPrefix,
    );
  }
  const subnet = formatPrefix(prefix);
  const range = assignableRange(prefix);
  if (range === undefined) {
    return vscode.l10n.t(
      'The subnet {0} has no address Azure can assign (Azure reserves the first four and the last address of every subnet); choose a subnet of size /29 or larger.',
      subnet,
    );
  }
  const first = formatIpv4(range.first);
  const last = formatIpv4(range.last);
  if (text === '') {
    return vscode.l10n.t('Enter the static IP address of the server: an address from {0} to {1} (subnet {2}).', first, last, subnet);
  }
  if (text.trim() !== text) {
    return vscode.l10n.t('The IP address has spaces before or after it; remove them.');
  }
  const address = parseIpv4(text);
  if (address === undefined) {
    return vscode.l10n.t(
      '"{0}" is not an IPv4 address; enter four numbers from 0 to 255 separated by periods, without leading zeros, such as {1}.',
      text,
      first,
    );
  }
  const broadcast = prefix.network + blockSize(prefix.length) - 1;
  if (address < prefix.network || address > broadcast) {
    return vscode.l10n.t(
      '{0} is outside the subnet {1}, whose addresses run from {2} to {3}; choose an address from {4} to {5}.',
      text,
      subnet,
      formatIpv4(prefix.network),
      formatIpv4(broadcast),
      first,
      last,
    );
  }
  const reserved = reservedAddresses(prefix).find((entry) => entry.address === address);
  if (reserved?.position === 'firstFour') {
    return vscode.l10n.t(
      '{0} is one of the first four addresses of the subnet {1} ({2} to {3}), which Azure reserves in every subnet; choose an address from {4} to {5}.',
      text,
      subnet,
      formatIpv4(prefix.network),
      formatIpv4(prefix.network + RESERVED_AT_START - 1),
      first,
      last,
    );
  }
  if (reserved?.position === 'last') {
    return vscode.l10n.t(
      '{0} is the last address of the subnet {1}, which Azure reserves in every subnet; choose an address from {2} to {3}.',
      text,
      subnet,
      first,
      last,
    );
  }
  return undefined;
}

/**
 * A TCP port such as 443 or 9443: a whole number from 1 to 65535 in decimal digits, without sign, spaces (not trimmed,
 * refused with their own message) or leading zeros.
 */
export function validatePort(text: string): string | undefined {
  if (text === '') {
    return vscode.l10n.t('Enter a port number from 1 to 65535.');
  }
  if (text.trim() !== text) {
    return vscode.l10n.t('The port number has spaces before or after it; remove them.');
  }
  if (!/^[0-9]+$/.test(text)) {
    return vscode.l10n.t('"{0}" is not a port number; enter a whole number from 1 to 65535 in digits only, such as 443.', text);
  }
  const port = Number(text);
  if (port < 1 || port > PORT_MAX) {
    return vscode.l10n.t('The port number {0} is out of range; enter a whole number from 1 to 65535.', text);
  }
  if (text !== String(port)) {
    return vscode.l10n.t('Write the port number without leading zeros: {0} instead of {1}.', String(port), text);
  }
  return undefined;
}

/** How many addresses a prefix of this length holds. */
function blockSize(length: number): number {
  return 2 ** (32 - length);
}

/** The addresses left for NICs after Azure's reserved ones; undefined when none are (a block of 8 leaves 3). */
function assignableRange(prefix: Ipv4Prefix): { readonly first: number; readonly last: number } | undefined {
  const size = blockSize(prefix.length);
  if (size <= RESERVED_AT_START + 1) {
    return undefined;
  }
  return { first: prefix.network + RESERVED_AT_START, last: prefix.network + size - 2 };
}

function formatPrefix(prefix: Ipv4Prefix): string {
  return `${formatIpv4(prefix.network)}/${prefix.length}`;
}
