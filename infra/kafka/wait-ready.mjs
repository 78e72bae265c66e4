// Waits until a Kafka client can really use the broker: connect, fetch metadata, create and list
// a topic. An open port alone is not enough (KRaft answers before it has elected itself leader).
// Usage: node wait-ready.mjs <host:port> <timeout-seconds>
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const [broker = '127.0.0.1:9092', timeoutSeconds = '60'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutSeconds) * 1000;
const kafka = new Kafka({
  clientId: 'pcc-wait-ready',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
});

while (Date.now() < deadline) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: 'pcc.readiness', numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    const topics = await admin.listTopics();
    await admin.disconnect();
    if (topics.includes('pcc.readiness')) process.exit(0);
  } catch {
    await admin.disconnect().catch(() => {});
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
console.error(`kafka: ${broker} not ready after ${timeoutSeconds} s`);
process.exit(1);
