// The public face of @ward/inventory: the three platform collectors, their parsers (pure, for
// tests and for the server's own simulators), and the runner contract they share.
export * from './inventory-report.js';
export * from './inventory-limits.js';
export * from './json-value.js';
export * from './run-command.js';
export * from './exec-file-run.js';
export * from './section-result.js';

export * from './linux/collect-inventory.js';
export * from './linux/os-release.js';
export * from './linux/kernel.js';
export * from './linux/hardware.js';
export * from './linux/disks.js';
export * from './linux/firewall.js';
export * from './linux/screen-lock.js';
export * from './linux/users.js';
export * from './linux/packages.js';
export * from './linux/uptime.js';
export * from './linux/memory.js';
export * from './linux/storage.js';
export * from './linux/secure-boot.js';

export * from './macos/collect-macos-inventory.js';
export * from './macos/sw-vers.js';
export * from './macos/fdesetup.js';
export * from './macos/hardware.js';
export * from './macos/application-firewall.js';
export * from './macos/applications.js';

export * from './windows/collect-windows-inventory.js';
export * from './windows/operating-system.js';
export * from './windows/computer-system.js';
export * from './windows/bios.js';
export * from './windows/bitlocker.js';
export * from './windows/firewall-profiles.js';
export * from './windows/installed-programs.js';
export * from './windows/powershell-args.js';
