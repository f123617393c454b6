import { describe, expect, it } from 'vitest';
import { device, user } from '../../test/support/policy-fixtures.js';
import { substituteVariables, templateVariables } from './variables.js';

describe('profile variables', () => {
  it('lists the variables a template uses, once each, with or without spaces', () => {
    expect(templateVariables('{{user.email}} / {{ device.serial }} / {{user.email}}', 'f')).toEqual({ ok: true, value: ['user.email', 'device.serial'] });
    expect(templateVariables('no variables', 'f')).toEqual({ ok: true, value: [] });
  });

  it.each(['{{user.password}}', '{{device.serialNumber}}', '{{ user }}', '{{user.email}', 'x }} y', '{{}}', '{{constructor}}', '{{user.email}}{{'])('refuses %j', (template) => {
    expect(templateVariables(template, 'body.username')).toMatchObject({ ok: false, code: 'PROFILE_VARIABLE_UNKNOWN', details: { field: 'body.username' } });
  });

  it('substitutes every variable for a device and its user', () => {
    const d = device({ id: 'd-42' as never, name: 'ada-mac', serialNumber: 'C02XYZ', model: 'MacBookPro18,1' });
    const u = user({ attributes: { upn: 'ada@corp.example.com' } });
    expect(substituteVariables('{{user.email}}|{{user.displayName}}|{{user.upn}}|{{device.serial}}|{{device.name}}|{{device.id}}|{{device.model}}', d, u)).toEqual({
      ok: true,
      text: 'ada@example.com|Ada Lovelace|ada@corp.example.com|C02XYZ|ada-mac|d-42|MacBookPro18,1',
    });
  });

  it('falls back to the e-mail for the UPN', () => {
    expect(substituteVariables('{{user.upn}}', device(), user())).toEqual({ ok: true, text: 'ada@example.com' });
  });

  it('reports a missing value instead of substituting an empty string', () => {
    expect(substituteVariables('{{user.email}}', device(), null)).toEqual({ ok: false, missing: 'user.email' });
    expect(substituteVariables('CN={{device.serial}}', device({ serialNumber: null }), user())).toEqual({ ok: false, missing: 'device.serial' });
    expect(substituteVariables('{{device.model}}', device({ model: '' }), user())).toEqual({ ok: false, missing: 'device.model' });
  });

  it('does not re-expand values that look like placeholders', () => {
    expect(substituteVariables('{{device.name}}', device({ name: '{{user.email}}' }), user())).toEqual({ ok: true, text: '{{user.email}}' });
  });
});
