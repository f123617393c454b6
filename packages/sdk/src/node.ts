// `@ward/sdk/node`: what only Node and Electron's main process can use. Kept apart from the main
// entry so a browser bundle of `@ward/sdk` never pulls in `node:` modules.
export { NodeFileStorage, type NodeFileStorageOptions, type StorageSealer } from './node-file-storage.js';
