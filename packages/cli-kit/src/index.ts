export { baseExitCodes, CliExit } from './cli-exit.js';
export { processIo, type CliIo, type CliStream } from './cli-io.js';
export { configureProgram, runProgram, type RunProgramOptions } from './run-program.js';
