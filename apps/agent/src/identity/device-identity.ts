/** The device's identity as enrollment left it, loaded from the state dir. */
export interface DeviceIdentity {
  /** The id Ward assigned at enrollment; commands are signed for it. */
  readonly deviceId: string;
  /** The server's base URL, `https://…`, without a trailing slash. */
  readonly serverUrl: string;
  /** The machine id sent at enrollment. */
  readonly hardwareId: string;
  /** When the device enrolled, ISO text. */
  readonly enrolledAt: string;
  /** The device's private key, PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** The device certificate then its issuing chain, PEM: what the agent presents over mTLS. */
  readonly certificateChainPem: string;
  /** Ward's root certificate, PEM: the one trust anchor for the server. */
  readonly rootCertificatePem: string;
  /** The public key that signs commands, PEM. */
  readonly commandSigningKeyPem: string;
}
