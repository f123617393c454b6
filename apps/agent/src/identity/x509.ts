// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API at
// load time. ES modules evaluate their imports in order, so loading the polyfill here, first, and
// taking x509 only from this module guarantees the order (as packages/pki/src/x509.ts does).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

/** @peculiar/x509, ready to use: Reflect polyfill loaded, Node's Web Crypto set as provider. */
export { x509 };
