/**
 * Imported first by tests that look at spans: the SDK must be running before http and the servers
 * load, as `@pcc/telemetry/register` is in a real process. Under Jest only Node's own modules (http)
 * are patched — Jest loads packages through its own loader — so these tests see the HTTP spans and
 * the platform's own (outbox relay, consumers), not pg's or kafkajs's.
 */
import { recordSpansInMemory } from '@pcc/telemetry/sdk';

export const spans = recordSpansInMemory('pcc-gateway-test');
