import type { Command } from 'commander';
import { verifyAuditChain, type AuditChainReport } from '@ward/core';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { createProgressReporter } from '../progress-reporter.js';
import { withWard } from '../with-ward.js';

const reasons: Readonly<Record<Extract<AuditChainReport, { intact: false }>['reason'], string>> = {
  hashMismatch: 'its content does not match its hash (the row was changed)',
  prevHashMismatch: 'it does not link to the event before it (a row was replaced or reordered)',
  sequenceGap: 'the sequence has a gap there (a row was deleted or inserted)',
  headMismatch: 'the chain stops short of the recorded head (rows were cut from the end)',
};

/** `ward audit verify`: recomputes every tenant's audit hash chain; status 1 names the first bad event. */
export function auditCommand(program: Command, io: CliIo): Command {
  const audit = program.command('audit').description('Work with the audit trail.');
  const verify = audit.command('verify').description('Recompute the hash chain of every tenant\'s audit trail; exits 1 and names the first bad event if any was tampered with.');
  addConfigFlags(verify, commonConfigKeys);
  verify.action(async (options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const broken = await withWard(io, config, async ({ runtime }) => {
      const { deps } = runtime;
      const lines: string[] = [];
      for (const tenant of await deps.stores.listTenants()) {
        const head = await deps.stores.readAuditHead(tenant.id);
        const progress = createProgressReporter(`Verifying the audit trail of ${tenant.slug}`, { stream: io.stderr, total: head?.seq ?? 0, unit: 'events' });
        const report = await verifyAuditChain(deps, tenant.id, (checked) => { progress.update(checked); });
        progress.finish();
        if (report.intact) io.stdout.write(`✔ ${tenant.slug}: ${report.events.toLocaleString('en-US')} audit events, chain intact\n`);
        else lines.push(`✖ ${tenant.slug}: the audit chain is broken at seq ${report.brokenAtSeq}: ${reasons[report.reason]}; ${report.events.toLocaleString('en-US')} events before it verify.`);
      }
      return lines;
    });
    if (broken.length > 0) throw new CliExit(exitCodes.failure, broken);
  });
  return audit;
}
