import { Type } from '@sinclair/typebox';
import { platforms, settingDefinitions, type SettingDefinition } from '@ward/core';
import { List, StringEnum } from './common.js';

/** The catalog's categories, in catalog order (core declares them as a type only). */
export const settingCategories = [...new Set(settingDefinitions.map((d) => d.category))] as readonly SettingDefinition['category'][];

/** A setting's value on the wire: the catalog says which of the three each setting takes. */
export const SettingValue = Type.Union([Type.Boolean(), Type.Number(), Type.String()]);

const ValueType = Type.Union([
  Type.Object({ type: Type.Literal('boolean') }),
  Type.Object({
    type: Type.Literal('integer'),
    min: Type.Integer(),
    max: Type.Integer(),
    unit: StringEnum(['seconds', 'days', 'characters', 'count'] as const),
  }),
  Type.Object({ type: Type.Literal('enum'), values: List(Type.String()) }),
  Type.Object({ type: Type.Literal('string'), maxLength: Type.Integer({ description: 'Variables such as `{{device.serial}}` are allowed.' }) }),
], { description: 'The value type and what values are allowed; profiles outside this are refused with SETTING_VALUE_INVALID.' });

const note = Type.Optional(Type.String({ description: "Where the platform's meaning or unit differs from the catalog's." }));

/** One entry of the settings catalog. */
export const SettingDefinitionSchema = Type.Object({
  id: Type.String({ description: 'Stable dotted id used in profiles, reports and on the wire: `passcode.minimumLength`.' }),
  name: Type.String(),
  description: Type.String(),
  category: StringEnum(settingCategories),
  platforms: List(StringEnum(platforms), { description: 'Platforms that can take the setting.' }),
  value: ValueType,
  default: SettingValue,
  mappings: Type.Object(
    {
      apple: Type.Optional(Type.Object({ payloadType: Type.String(), key: Type.String(), platforms: List(StringEnum(['macos', 'ios', 'ipados'] as const)), note })),
      windows: Type.Optional(Type.Object({ cspPath: Type.String({ description: 'The CSP node (OMA-URI).' }), note })),
      linux: Type.Optional(Type.Object({ mechanism: Type.String({ description: 'What the agent drives.' }), note })),
      android: Type.Optional(Type.Object({ policyField: Type.String({ description: 'The Android Management API policy field.' }), note })),
    },
    { description: "Where the setting lands in each platform's own payload." },
  ),
});

/** The query of `GET /settings`. */
export const ListSettingsQuery = Type.Object(
  {
    platform: Type.Optional(StringEnum(platforms, { description: 'Only settings this platform can take.' })),
    category: Type.Optional(StringEnum(settingCategories, { description: 'Only settings of this category.' })),
  },
  { additionalProperties: false },
);

/** The settings catalog: small and fixed, so one whole page. */
export const SettingDefinitionList = Type.Object({ items: List(SettingDefinitionSchema), nextCursor: Type.Null() });
