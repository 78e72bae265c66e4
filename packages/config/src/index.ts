export { ConfigError, loadConfig, loadConfigOrExit } from './load';
export { env } from './fields';
export { databaseEnv, kafkaEnv, httpEnv, logEnv } from './fragments';
export { defineService, taskClientId, type Service, type ServiceDeclaration } from './service';
