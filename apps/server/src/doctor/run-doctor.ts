import { resolve } from 'node:path';
import type { WardConfig } from '../config/config-schema.js';
import { databaseTargetOf } from '../runtime/database-target.js';
import { checkServerSecrets, checkTlsCertificate } from './check-certificates.js';
import { checkDataDir } from './check-data-dir.js';
import { checkDatabase } from './check-database.js';
import { passed, type DoctorCheck } from './doctor-check.js';

/**
 * Every `ward doctor` check of a valid configuration, in order. Read-only: creates no data
 * directory, key, CA or database (opening an existing SQLite file is the one write, to its WAL).
 */
export async function runDoctor(config: WardConfig, configFile: string | undefined): Promise<DoctorCheck[]> {
  const now = new Date();
  const dataDir = resolve(config.dataDir);
  const checks: DoctorCheck[] = [passed('Configuration', configFile === undefined ? 'valid (defaults and environment)' : `valid (config file ${resolve(configFile)})`)];
  checks.push(...checkDataDir(dataDir, config.masterKey));
  const target = databaseTargetOf(config.databaseUrl, dataDir);
  checks.push(...(await checkDatabase(target)));
  checks.push(...(await checkServerSecrets(config, dataDir, target, now)));
  checks.push(checkTlsCertificate(config, dataDir, now));
  return checks;
}
