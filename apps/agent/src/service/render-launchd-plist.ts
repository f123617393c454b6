import type { ServiceProgram } from './service-plan.js';

/** The launchd label of the agent. */
export const LAUNCHD_LABEL = 'org.ward.agent';

/**
 * The launchd daemon property list `/Library/LaunchDaemons/org.ward.agent.plist`: started at boot,
 * restarted when it exits with a failure, output to `/var/log/ward-agent.log`.
 */
export function renderLaunchdPlist(program: ServiceProgram): string {
  const args = [program.nodePath, program.agentPath, 'run'].map((arg) => `    <string>${escapeXml(arg)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>10</integer>
  <key>ExitTimeOut</key>
  <integer>30</integer>
  <key>StandardOutPath</key>
  <string>/var/log/ward-agent.log</string>
  <key>StandardErrorPath</key>
  <string>/var/log/ward-agent.log</string>
</dict>
</plist>
`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
