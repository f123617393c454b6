/** Something wrong in a policy file, at a place an editor can jump to. */
export interface PolicyProblem {
  /** Relative to the policy directory, `/`-separated. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
  /** The core's stable error code, when the problem came from a core validator. */
  readonly code?: string;
}

/** `file:line:column: message (CODE)`: the form compilers use, which editors and CI annotate. */
export function formatPolicyProblem(problem: PolicyProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}${problem.code === undefined ? '' : ` (${problem.code})`}`;
}

/** Problems in file order, then by position. */
export function sortPolicyProblems(problems: readonly PolicyProblem[]): PolicyProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
