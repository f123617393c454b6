import { describe, expect, it } from 'vitest';
import { firstAdminEmail } from './ensure-first-admin.js';

describe('firstAdminEmail', () => {
  it('uses the configured address, else the first real host name, else ward.local', () => {
    expect(firstAdminEmail('Boss@Example.com', ['x.example.org'])).toBe('boss@example.com');
    expect(firstAdminEmail(undefined, ['10.0.0.1', 'localhost', '*.corp.example', 'MDM.Example.org'])).toBe('admin@mdm.example.org');
    expect(firstAdminEmail(undefined, [])).toBe('admin@ward.local');
  });
});
