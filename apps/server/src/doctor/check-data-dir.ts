import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMasterKey } from '@ward/pki';
import { dataFiles } from '../runtime/data-files.js';
import { failed, passed, type DoctorCheck } from './doctor-check.js';

const octal = (mode: number): string => (mode & 0o777).toString(8).padStart(3, '0');

/**
 * The data directory exists, is writable by Ward and closed to other users (it holds the master
 * key and the CA), and the master key is present and well-formed.
 */
export function checkDataDir(dataDir: string, configuredMasterKey: string | undefined): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const title = 'Data directory';
  if (!existsSync(dataDir)) return [failed(title, `${dataDir} does not exist; \`ward serve\` creates it at the first start.`)];
  const stat = statSync(dataDir);
  if (!stat.isDirectory()) return [failed(title, `${dataDir} is not a directory.`)];
  try {
    accessSync(dataDir, constants.W_OK | constants.R_OK | constants.X_OK);
  } catch {
    return [failed(title, `${dataDir} is not readable and writable by this user (uid ${process.getuid?.() ?? '?'}).`)];
  }
  if ((stat.mode & 0o007) !== 0) checks.push(failed(title, `${dataDir} has mode ${octal(stat.mode)}: other users can enter it. Run chmod 700 ${dataDir}.`));
  else checks.push(passed(title, `${dataDir} (mode ${octal(stat.mode)}), writable`));

  const keyTitle = 'Master key';
  if (configuredMasterKey !== undefined) {
    checks.push(passed(keyTitle, 'from WARD_MASTER_KEY'));
    return checks;
  }
  const keyPath = join(dataDir, dataFiles.masterKey);
  if (!existsSync(keyPath)) {
    checks.push(failed(keyTitle, `none: WARD_MASTER_KEY is unset and ${keyPath} does not exist (\`ward serve\` generates it at the first start).`));
    return checks;
  }
  const keyStat = statSync(keyPath);
  try {
    parseMasterKey(readFileSync(keyPath, 'utf8'));
  } catch {
    checks.push(failed(keyTitle, `${keyPath} does not hold a valid master key.`));
    return checks;
  }
  if ((keyStat.mode & 0o077) !== 0) checks.push(failed(keyTitle, `${keyPath} has mode ${octal(keyStat.mode)}; run chmod 600 ${keyPath}.`));
  else checks.push(passed(keyTitle, `${keyPath} (mode ${octal(keyStat.mode)}); back it up apart from the database`));
  return checks;
}
