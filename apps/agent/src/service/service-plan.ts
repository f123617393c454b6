import type { Argv } from '../config/agent-config.js';

/** One step of installing or removing the service. */
export type ServiceStep =
  | { readonly kind: 'write'; readonly path: string; readonly content: string; readonly mode: number }
  | { readonly kind: 'directory'; readonly path: string; readonly mode: number }
  | { readonly kind: 'remove'; readonly path: string }
  | { readonly kind: 'run'; readonly argv: Argv };

/** The ordered steps that install or remove the agent's service on one platform. */
export interface ServicePlan {
  readonly steps: readonly ServiceStep[];
}

/** Where the service runs the agent from. */
export interface ServiceProgram {
  /** The Node.js executable. */
  readonly nodePath: string;
  /** The `ward-agent` launcher script. */
  readonly agentPath: string;
  /**
   * Windows only: the .NET Framework C# compiler that builds the service host (see
   * `findWindowsCompiler`). Default `C:\Windows\Microsoft.NET\Framework64\v4.0.30319\csc.exe`.
   */
  readonly cscPath?: string;
}
