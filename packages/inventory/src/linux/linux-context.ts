import type { ToolContext } from '../run-tool.js';

/** What every Linux collector reads through. */
export interface LinuxContext extends ToolContext {
  /** Absolute folder every file path is read under: '/' for the host, a prepared tree in tests. */
  readonly root: string;
  /** True when `root` is the host's own root, so host-wide calls (os.release) describe the same machine. */
  readonly hostRoot: boolean;
  /** The effective uid of this process, or null where there is none; decides how to read another user's settings. */
  readonly uid: number | null;
}
