import { describe, expect, it } from 'vitest';
import { platforms } from '../devices/model.js';
import { itAccessOf } from './it-access.js';

describe('itAccessOf', () => {
  it.each(platforms)('never tells the owner of a personal %s device that IT can erase it or see their apps', (platform) => {
    const access = itAccessOf({ ownership: 'personal', platform });
    expect(access.cannotDo.join(' ')).toContain('erase the device');
    expect(access.cannotSee.join(' ')).toContain('the apps and software you install');
    expect([...access.canSee, ...access.canDo].join(' ')).not.toMatch(/erase|apps and software installed/);
  });

  it('hides the serial number of a personal phone, as User Enrollment does, and not of a personal computer', () => {
    expect(itAccessOf({ ownership: 'personal', platform: 'ios' }).canSee.join(' ')).not.toContain('serial number');
    expect(itAccessOf({ ownership: 'personal', platform: 'windows' }).canSee.join(' ')).toContain('serial number');
  });

  it('says what a company device shows that a personal one does not', () => {
    const corporate = itAccessOf({ ownership: 'corporate', platform: 'macos' });
    expect(corporate.canSee.join(' ')).toContain('the apps and software installed on it');
    expect(itAccessOf({ ownership: 'corporate', platform: 'ios' }).canDo.join(' ')).toContain('erase it');
  });
});
