import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { joinBase, lanAddresses, normalisePublicUrl } from '../../../server/http/joinBase.js';

const nic = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') =>
  ({ address, internal, family, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo;

describe('the address phones join at', () => {
  it('prefers a classroom LAN address and skips loopback and IPv6', () => {
    const ifaces = { lo: [nic('127.0.0.1', true)], docker: [nic('172.17.0.1')], wlan: [nic('192.168.1.20'), nic('fe80::1', false, 'IPv6')], ll: [nic('169.254.3.4')] };
    expect(lanAddresses(ifaces)).toEqual(['192.168.1.20', '172.17.0.1', '169.254.3.4']);
    expect(joinBase('', 2567, ifaces)).toEqual({ url: 'http://192.168.1.20:2567/', source: 'lan', lan: ['http://192.168.1.20:2567/', 'http://172.17.0.1:2567/', 'http://169.254.3.4:2567/'] });
  });

  it('uses PUBLIC_URL when it is set, and says localhost when there is nothing else', () => {
    expect(joinBase('https://class.example.org/beauty', 2567, {}).url).toBe('https://class.example.org/beauty/');
    expect(joinBase('class.example.org:8080', 2567, {}).source).toBe('public-url');
    expect(joinBase('', 2567, { lo: [nic('127.0.0.1', true)] })).toEqual({ url: 'http://localhost:2567/', source: 'localhost', lan: [] });
  });

  it('refuses a PUBLIC_URL that is not a web address', () => {
    expect(normalisePublicUrl('ftp://x')).toBeNull();
    expect(normalisePublicUrl('  ')).toBeNull();
    expect(normalisePublicUrl('http://a.b')).toBe('http://a.b/');
  });
});
