/**
 * `npm run token -- --role LGO_OFFICER --org PATONG [--sub name] [--ttl 8h]`: prints a development
 * JWT signed with the gateway's JWT_SECRET, and nothing else on stdout.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@pcc/config';
import { ROLES } from '@pcc/http';
import { configSchema } from '../config';
import { signDevelopmentToken } from '../dev-tokens';

function fail(message: string): never {
  console.error(
    `token: ${message}\nusage: npm run token -- --role NETWORK_ADMIN|LGO_OFFICER|ANALYST [--org CODE] [--sub NAME] [--ttl 8h]`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const role = values.role ?? fail('--role is required');
  if (!ROLES.includes(role as never) || role === 'PUBLIC') fail(`unknown role ${role} (PUBLIC needs no token)`);
  if (role === 'LGO_OFFICER' && !values.org) fail('an LGO_OFFICER token needs --org CODE, e.g. --org PATONG');
  const config = loadConfigOrExit(configSchema);
  const token = await signDevelopmentToken(config.JWT_SECRET, {
    role: role as Parameters<typeof signDevelopmentToken>[1]['role'],
    org: values.org,
    sub: values.sub,
    ttl: values.ttl,
  });
  process.stdout.write(`${token}\n`);
}

void main();
