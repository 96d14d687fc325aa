/**
 * Decides which IP addresses the fetcher may connect to. Checks run on the address that DNS returned (and that
 * the socket then uses), so a public hostname pointing at 10.x or 169.254.169.254 is refused just like the literal.
 * IPv4-mapped and NAT64 IPv6 forms are unwrapped first, so `::ffff:127.0.0.1` is still loopback.
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
  { cidr: '100::/64', label: 'a discard-only address' },
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

/** Returns the embedded IPv4 address of ::ffff:a.b.c.d, ::a.b.c.d and 64:ff9b::/96 forms, else undefined. */
export function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
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
    return V6_LISTS.find((entry) => entry.list.check(address, 'ipv6'))?.label;
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
