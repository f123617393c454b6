// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API at
// load time. ES modules evaluate their imports in order, so loading the polyfill here, first, and
// taking x509 only from this module everywhere in the package guarantees the order.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// x509 signs and verifies through a process-wide provider; give it Node's (OpenSSL underneath).
// Call sites also pass `webcrypto` explicitly, so another package resetting the provider cannot
// change what this one does.
x509.cryptoProvider.set(webcrypto);

/** @peculiar/x509, ready to use: Reflect polyfill loaded, Node's Web Crypto set as provider. */
export { x509 };

/** Node's Web Crypto implementation, the one registered with @peculiar/x509. */
export { webcrypto };
