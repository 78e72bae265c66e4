export { ConfigError, loadConfig, loadConfigOrExit } from './load';
export { env } from './fields';
export { databaseEnv, kafkaEnv, httpEnv, logEnv } from './fragments';
