// The server's public face for programs that embed it (benchmarks, simulators, tests); people use
// the `ward` command (bin/ward.js → cli/main.js).
export { main, createProgram } from './cli/main.js';
export { configSchema, configKeys, type ConfigKey, type WardConfig } from './config/config-schema.js';
export { loadConfig, type ConfigSources, type LoadedConfig } from './config/load-config.js';
export { createLogger, type LoggerOptions } from './logging/create-logger.js';
export { createMetrics, type WardMetrics } from './metrics/create-metrics.js';
export { openWard, type WardRuntime } from './runtime/open-ward.js';
export { startServer, type RunningServer } from './runtime/start-server.js';
