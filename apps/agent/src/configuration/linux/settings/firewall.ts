import { parseFirewalldState, parseNftRuleset, parseUfwStatus } from '@ward/inventory';
import { exitReason } from '../../host/configuration-tools.js';
import type { LinuxApplyContext } from '../linux-apply-context.js';
import { settingFailed, settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

/**
 * firewall.enabled: checks the firewall front end the machine has and turns it on through it —
 * `ufw --force enable`, or `systemctl enable --now firewalld`. With only nftables and no front end
 * there is no ruleset Ward could switch on without risking cutting off remote access, so it is on
 * when the ruleset already filters and not applicable otherwise. `false` means "not required":
 * Ward never turns a firewall off. Removing the profile leaves the firewall on.
 */
export async function applyFirewall(ctx: LinuxApplyContext, enabled: boolean): Promise<SettingResult> {
  if (!enabled) return settingSucceeded('not required: Ward leaves the firewall as it is');
  const { tools } = ctx;
  const reasons: string[] = [];

  const ufw = await tools.run('ufw', ['status']);
  if (ufw.ran) {
    if (ufw.code !== 0) return settingFailed(exitReason('ufw status', ufw));
    const status = parseUfwStatus(ufw.stdout);
    if (!status.ok) return settingFailed(status.reason);
    if (status.value) return settingSucceeded('ufw is active');
    const enabledNow = await tools.run('ufw', ['--force', 'enable']);
    if (!enabledNow.ran) return settingFailed(enabledNow.reason);
    return enabledNow.code === 0 ? settingSucceeded('ufw was inactive and is now enabled') : settingFailed(exitReason('ufw --force enable', enabledNow));
  }
  reasons.push(ufw.reason);

  const firewalld = await tools.run('firewall-cmd', ['--state']);
  if (firewalld.ran) {
    const state = parseFirewalldState(`${firewalld.stdout}\n${firewalld.stderr}`);
    if (!state.ok) return settingFailed(state.reason);
    if (state.value) return settingSucceeded('firewalld is running');
    const started = await tools.runToSuccess('systemctl', ['enable', '--now', 'firewalld']);
    return started === null ? settingSucceeded('firewalld was not running and is now enabled and started') : settingFailed(started);
  }
  reasons.push(firewalld.reason);

  const nft = await tools.run('nft', ['-j', 'list', 'ruleset']);
  if (nft.ran) {
    if (nft.code !== 0) return settingFailed(exitReason('nft list ruleset', nft));
    const ruleset = parseNftRuleset(nft.stdout);
    if (!ruleset.ok) return settingFailed(ruleset.reason);
    if (ruleset.value.filtering) return settingSucceeded('the nftables ruleset filters inbound traffic');
    return settingNotApplicable('only nftables is installed and its ruleset filters nothing; Ward enables a firewall through ufw or firewalld, so install one of them');
  }
  reasons.push(nft.reason);
  return settingNotApplicable(`no firewall tool is installed (${reasons.join('; ')})`);
}
