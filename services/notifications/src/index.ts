/** Entry point: read config and run the subgraph process, its consumers and the dispatcher that sends. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { organizationProjection } from '@pcc/organization-projection';
import { main, runSubgraph } from '@pcc/subgraph-kit';
import { configSchema, dispatchSettingsOf, webhookTargetsOf } from './config';
import { dataSourceFor } from './data-source';
import { Dispatcher } from './delivery/dispatcher';
import { Mailer } from './delivery/mailer';
import { caseNotifications, projectNotifications, wasteNotifications } from './events/notify';
import { casesReporterCheck } from './providers/reporter-check';
import { casesResolutionReader } from './providers/resolution-reader';
import { createServer } from './server';
import { service } from './service';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  const reporterCheck = casesReporterCheck(config.CASES_SUBGRAPH_URL, config.INTERNAL_JWT_SECRET);
  const cases = caseNotifications({
    readResolution: casesResolutionReader(config.CASES_SUBGRAPH_URL, config.INTERNAL_JWT_SECRET),
    casePageUrl: config.NOTIFY_CASE_PAGE_URL,
  });
  await runSubgraph({
    service,
    config,
    schemaFile: join(__dirname, '..', 'schema.graphql'),
    dataSource: dataSourceFor(config),
    subscriptions: [organizationProjection, cases, projectNotifications, wasteNotifications],
    createServer: (deps) => createServer({ ...deps, reporterCheck, webhookTargets: webhookTargetsOf(config) }),
    background: ({ dataSource, log }) => {
      const mailer = new Mailer(config.SMTP_URL, config.MAIL_FROM);
      const dispatcher = new Dispatcher({ dataSource, mailer, log, ...dispatchSettingsOf(config) });
      dispatcher.start();
      return async () => {
        await dispatcher.stop();
        mailer.close();
      };
    },
  });
});
