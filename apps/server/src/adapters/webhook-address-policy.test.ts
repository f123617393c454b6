import { describe, expect, it } from 'vitest';
import { classifyWebhookAddress } from './webhook-address-policy.js';

describe('classifyWebhookAddress', () => {
  it.each([
    ['169.254.169.254', 'forbidden'], // AWS, GCP, Azure metadata
    ['169.254.0.1', 'forbidden'],
    ['169.254.255.255', 'forbidden'],
    ['fd00:ec2::254', 'forbidden'], // AWS metadata over IPv6
    ['FD00:EC2:0:0:0:0:0:254', 'forbidden'],
    ['fe80::1', 'forbidden'],
    ['febf:ffff::1', 'forbidden'],
    ['::ffff:169.254.169.254', 'forbidden'], // IPv4-mapped
    ['::ffff:a9fe:a9fe', 'forbidden'],
    ['64:ff9b::169.254.169.254', 'forbidden'], // through NAT64
    ['100.100.100.200', 'forbidden'], // Alibaba Cloud metadata
    ['0.0.0.0', 'forbidden'],
    ['::', 'forbidden'],
    ['not-an-address', 'forbidden'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.253.255.255', 'allowed'],
    ['169.255.0.1', 'allowed'],
    ['10.1.2.3', 'allowed'],
    ['192.168.1.10', 'allowed'],
    ['100.100.100.201', 'allowed'],
    ['fd00:ec2::253', 'allowed'],
    ['fec0::1', 'allowed'],
    ['2001:db8::1', 'allowed'],
    ['93.184.215.14', 'allowed'],
  ])('%s is %s', (address, expected) => {
    expect(classifyWebhookAddress(address)).toBe(expected);
  });
});
