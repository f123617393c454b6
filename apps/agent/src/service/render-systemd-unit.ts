import type { ServiceProgram } from './service-plan.js';

/** Exit status of `ward-agent run` when the device is not enrolled (or retired): not worth restarting for. */
export const NOT_ENROLLED_EXIT_CODE = 3;

/**
 * The systemd unit `ward-agent.service`. Runs as root (lock, restart, admin scripts and the 0600
 * key need it), restarts on failure but not when the agent exits because it is not enrolled, and
 * stops with SIGTERM so a running command is reported rather than lost.
 */
export function renderSystemdUnit(program: ServiceProgram): string {
  return `[Unit]
Description=Ward device agent
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=${quoteSystemd(program.nodePath)} ${quoteSystemd(program.agentPath)} run
Restart=on-failure
RestartSec=10s
RestartPreventExitStatus=${NOT_ENROLLED_EXIT_CODE}
User=root
UMask=0077
KillSignal=SIGTERM
TimeoutStopSec=30s

[Install]
WantedBy=multi-user.target
`;
}

// systemd.syntax(7): double quotes with backslash escapes; `%` and `$` are specifiers and variables.
function quoteSystemd(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}
