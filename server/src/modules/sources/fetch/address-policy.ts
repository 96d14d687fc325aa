/**
 * Decides which IP addresses the fetcher may connect to. Checks run on the address that DNS returned (and that
 * the socket then uses), so a public hostname pointing at 10.x or 169.254.169.254 is refused just like the literal.
 *
 * IPv6 addresses that carry an IPv4 address are judged by the IPv4 address they carry, whatever their spelling
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`, `0:0:0:0:0:ffff:127.0.0.1`): the address is first read into its 128 bits,
 * then these forms are unwrapped — IPv4-mapped `::ffff:0:0/96`, IPv4-compatible `::/96`, IPv4-translated
 * `::ffff:0:0:0/96`, NAT64's well-known prefix `64:ff9b::/96` and 6to4 `2002::/16` (the IPv4 address in bits 16–47).
 * Forms whose IPv4 address is chosen by a local translator or tunnel, which no public site is reached through, are
 * refused whole: NAT64 local-use `64:ff9b:1::/48` and the IETF protocol block `2001::/23` (Teredo `2001::/32`, whose
 * client address is obfuscated, included).
 */
import { BlockList, isIP } from 'node:net';

interface Range {
  cidr: string;
  label: string;
}

const V4_RANGES: readonly Range[] = [
  { cidr: '169.254.169.254/32', label: 'a cloud metadata address' },
  { cidr: '0.0.0.0/8', label: 'an unspecified ("this network") address' },
  { cidr: '10.0.0.0/8', label: 'a private address' },
  { cidr: '100.64.0.0/10', label: 'a carrier-grade NAT (CGNAT) address' },
  { cidr: '127.0.0.0/8', label: 'a loopback address' },
  { cidr: '169.254.0.0/16', label: 'a link-local address' },
  { cidr: '172.16.0.0/12', label: 'a private address' },
  { cidr: '192.0.0.0/24', label: 'a reserved (IETF protocol) address' },
  { cidr: '192.0.2.0/24', label: 'a documentation address' },
  { cidr: '192.88.99.0/24', label: 'a 6to4 relay address' },
  { cidr: '192.168.0.0/16', label: 'a private address' },
  { cidr: '198.18.0.0/15', label: 'a benchmarking address' },
  { cidr: '198.51.100.0/24', label: 'a documentation address' },
  { cidr: '203.0.113.0/24', label: 'a documentation address' },
  { cidr: '224.0.0.0/4', label: 'a multicast address' },
  { cidr: '240.0.0.0/4', label: 'a reserved address' },
];

const V6_RANGES: readonly Range[] = [
  { cidr: '::/128', label: 'an unspecified address' },
  { cidr: '::1/128', label: 'a loopback address' },
  { cidr: 'fc00::/7', label: 'a unique-local address' },
  { cidr: 'fe80::/10', label: 'a link-local address' },
  { cidr: 'fec0::/10', label: 'a site-local address' },
  { cidr: 'ff00::/8', label: 'a multicast address' },
  { cidr: '2001:db8::/32', label: 'a documentation address' },
  { cidr: '3fff::/20', label: 'a documentation address' },
  { cidr: '100::/64', label: 'a discard-only address' },
  { cidr: '64:ff9b:1::/48', label: 'a local-use NAT64 address' },
  { cidr: '2001::/23', label: 'an IETF protocol address (Teredo and others)' },
  { cidr: '5f00::/16', label: 'a segment-routing (SRv6) address' },
];

interface LabelledList {
  label: string;
  list: BlockList;
}

function buildLists(ranges: readonly Range[], type: 'ipv4' | 'ipv6'): LabelledList[] {
  return ranges.map(({ cidr, label }) => {
    const [net, prefix] = cidr.split('/');
    const list = new BlockList();
    list.addSubnet(net, Number(prefix), type);
    return { label, list };
  });
}

const V4_LISTS = buildLists(V4_RANGES, 'ipv4');
const V6_LISTS = buildLists(V6_RANGES, 'ipv6');

/** The eight 16-bit groups of an IPv6 literal (zone id dropped, a trailing dotted IPv4 read), or undefined. */
export function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (isIP(text) !== 6) return undefined;
  const tail: number[] = [];
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, dotted.index);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const parse = (part: string): number[] => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const gap = text.indexOf('::');
  let groups: number[];
  if (gap >= 0) {
    const head = parse(text.slice(0, gap));
    const rest = [...parse(text.slice(gap + 2)), ...tail];
    groups = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  } else {
    groups = [...parse(text), ...tail];
  }
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function dottedQuad(hi: number, lo: number): string {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

/**
 * The IPv4 address carried by an IPv6 one (mapped, compatible, translated, NAT64 well-known prefix, 6to4), else
 * undefined. `::` and `::1` carry none: they are IPv6's own unspecified and loopback addresses.
 */
export function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g) return undefined;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const zeroTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(5) && g5 === 0xffff) return dottedQuad(g6, g7); // ::ffff:a.b.c.d, IPv4-mapped
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return dottedQuad(g6, g7); // ::ffff:0:a.b.c.d, IPv4-translated
  if (zeroTo(6) && (g6 !== 0 || g7 > 1)) return dottedQuad(g6, g7); // ::a.b.c.d, IPv4-compatible
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return dottedQuad(g6, g7);
  if (g0 === 0x2002) return dottedQuad(g1, g2); // 6to4
  return undefined;
}

/**
 * Returns a phrase naming why the address is not a public unicast one ("a private address"), or undefined when
 * it is public. Anything that is not an IP literal is reported as unusable too.
 */
export function classifyAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 4) return V4_LISTS.find((entry) => entry.list.check(address, 'ipv4'))?.label;
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return classifyAddress(v4);
    const bare = address.replace(/%.*$/, '');
    return V6_LISTS.find((entry) => entry.list.check(bare, 'ipv6'))?.label;
  }
  return 'not an IP address';
}

/** Hosts and CIDRs the operator allows despite the private-address rule (the fixture server, an intranet feed). */
export interface AllowList {
  allowsHost(hostname: string): boolean;
  allowsAddress(address: string): boolean;
}

export function createAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (!entry) continue;
    const slash = entry.indexOf('/');
    if (slash > 0) {
      const net = entry.slice(0, slash);
      const prefix = Number(entry.slice(slash + 1));
      const family = isIP(net);
      if (family !== 0 && Number.isInteger(prefix)) {
        list.addSubnet(net, prefix, family === 4 ? 'ipv4' : 'ipv6');
        continue;
      }
    }
    const family = isIP(entry);
    if (family !== 0) list.addAddress(entry, family === 4 ? 'ipv4' : 'ipv6');
    else hosts.add(entry);
  }
  return {
    allowsHost: (hostname) =>
      hosts.has(
        hostname
          .toLowerCase()
          .replace(/^\[|\]$/g, '')
          .replace(/\.$/, ''),
      ),
    allowsAddress: (address) => {
      const family = isIP(address);
      if (family === 0) return false;
      if (list.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
      const v4 = family === 6 ? embeddedIpv4(address) : undefined;
      return v4 !== undefined && list.check(v4, 'ipv4');
    },
  };
}
