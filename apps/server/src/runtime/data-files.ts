/**
 * The files Ward keeps in its data directory. Named in one place because the server writes them
 * and several commands (backup, doctor) point operators at them.
 */
export const dataFiles = {
  /** The SQLite database, when no database URL is configured. */
  sqlite: 'ward.db',
  /** A generated master key (base64, mode 0600). */
  masterKey: 'master.key',
  /**
   * Where versions before the `server_secrets` table kept the CA bundle. Read only to move it into
   * the database once (see server-secret.ts); the database's copy is the one in use.
   */
  caBundle: 'ca.json',
  /** The root CA certificate, for clients to trust. */
  caCertificate: 'ca.crt',
  /** The directory of the bootstrap TLS certificate and key. */
  tlsDir: 'tls',
  /** Uploaded app package files, unless `WARD_APP_PACKAGE_DIR` puts them elsewhere (shared storage). */
  appPackages: 'app-packages',
} as const;
