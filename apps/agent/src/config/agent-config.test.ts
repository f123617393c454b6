import { describe, expect, it } from 'vitest';
import { AgentConfigError, defaultAgentConfig, loadAgentConfig, parseAgentConfig } from './agent-config.js';
import { resolveUnderRoot } from './resolve-under-root.js';

describe('agent configuration', () => {
  it('needs no file: the defaults are the real host commands', async () => {
    expect(await loadAgentConfig('/nonexistent/agent.json', 'linux')).toEqual({
      actions: { lock: ['loginctl', 'lock-sessions'], restart: ['systemctl', 'reboot'] },
      managedPaths: [],
      logLevel: 'info',
    });
    expect(defaultAgentConfig('macos').actions.restart).toEqual(['shutdown', '-r', 'now']);
    expect(defaultAgentConfig('windows').actions.restart[0]).toBe('shutdown.exe');
  });

  it('merges the file over the defaults and freezes the result', () => {
    const config = parseAgentConfig({ actions: { lock: ['true'] }, managedPaths: ['/srv/corp', 'C:\\Corp'] }, 'linux');
    expect(config.actions).toEqual({ lock: ['true'], restart: ['systemctl', 'reboot'] });
    expect(config.managedPaths).toEqual(['/srv/corp', 'C:\\Corp']);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once', () => {
    try {
      parseAgentConfig({ actions: { lock: 'loginctl', shutdown: ['x'] }, managedPaths: ['relative', '/a/../..'], logLevel: 1 }, 'linux');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AgentConfigError);
      expect((error as AgentConfigError).problems).toHaveLength(4);
    }
  });
});

describe('resolveUnderRoot', () => {
  it('relocates absolute host paths under the root and refuses escapes', () => {
    expect(resolveUnderRoot('/tmp/r', '/srv/corp')).toBe('/tmp/r/srv/corp');
    expect(resolveUnderRoot('/', '/srv/corp')).toBe('/srv/corp');
    expect(resolveUnderRoot('/tmp/r', 'C:\\Corp')).toBe('/tmp/r/C/Corp');
    expect(resolveUnderRoot('/tmp/r', 'srv/corp')).toBeUndefined();
    expect(resolveUnderRoot('/tmp/r', '/../../etc')).toBeUndefined();
  });
});
