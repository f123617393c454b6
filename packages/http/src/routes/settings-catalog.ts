import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { listSettingDefinitions } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import { ListSettingsQuery, SettingDefinitionList } from '../schemas/policy-settings.js';

const tags = ['profiles'];

/** `/api/v1/settings`: the settings catalog that settings profiles are built from. */
export const settingsCatalogRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  app.get('/settings', {
    schema: {
      tags,
      operationId: 'listSettings',
      summary: 'The settings catalog: every setting a settings profile may carry, with its value type, range, default and platform mappings.',
      querystring: ListSettingsQuery,
      response: { 200: SettingDefinitionList },
    },
    config: requires('policy.read'),
  }, (request) => ({ items: unwrap(listSettingDefinitions(principalOf(request), request.query)), nextCursor: null }));
  done();
};
