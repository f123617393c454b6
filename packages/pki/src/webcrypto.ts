import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// @peculiar/x509 signs and verifies through a process-wide provider. Every module of this package
// that touches x509 imports `webcrypto` from here, so the provider is set before first use whatever
// the import order, and all of them share Node's implementation (OpenSSL underneath).
x509.cryptoProvider.set(webcrypto);

/** Node's Web Crypto implementation, registered as @peculiar/x509's provider on import. */
export { webcrypto };
