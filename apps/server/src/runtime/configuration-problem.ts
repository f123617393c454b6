/**
 * A configuration that passed the option checks but cannot be used, found while the server starts
 * (a file an option names cannot be read, or holds the wrong thing). `ward serve` reports it like
 * the option checks' own problems: its lines, and the usage exit status.
 */
export class ConfigurationProblem extends Error {
  readonly lines: readonly string[];

  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'ConfigurationProblem';
    this.lines = lines;
  }
}
