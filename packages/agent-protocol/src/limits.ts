/** Size limits both sides enforce; the server refuses larger requests before parsing them. */
export const protocolLimits = {
  /** A whole check-in body. */
  checkInBytes: 2 * 1024 * 1024,
  /**
   * A message the agent sends on the push socket: a check-in body (at most `checkInBytes`) and the
   * envelope around it (`type`, `id`), for which 1 KiB is far more than enough.
   */
  pushMessageBytes: 2 * 1024 * 1024 + 1024,
  /**
   * A message the server sends on the push socket, as large as an HTTPS check-in answer may be:
   * up to `commandsPerCheckIn` commands carrying scripts of `scriptBytes`, which JSON escaping can
   * double. The agent refuses (and falls back to HTTPS on) anything larger.
   */
  pushAnswerBytes: 16 * 1024 * 1024,
  /** An enroll or renew body. */
  enrollBytes: 64 * 1024,
  /** Output of one command kept and returned (the rest is cut and marked truncated). */
  commandOutputBytes: 64 * 1024,
  /** Installed software entries in one report. */
  softwareEntries: 20_000,
  /** Results in one check-in. */
  resultsPerCheckIn: 100,
  /** Commands handed out per check-in. */
  commandsPerCheckIn: 20,
  /** A script's source. */
  scriptBytes: 256 * 1024,
} as const;

/** The protocol version this build speaks. Breaking changes get a new number and a new path. */
export const protocolVersion = 1;

/** Path prefix of every agent endpoint. */
export const agentApiPrefix = '/agent/v1';
