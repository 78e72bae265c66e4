import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { kafkaBrokers, uniqueTopic } from '@pcc/testing';

/**
 * kafkajs 2.2.4 (unmaintained) re-armed a 1 ms timer after every broker response, forever, with a
 * negative delay that Node 24 reports as a TimeoutNegativeWarning on every process's output. The
 * project patches it (patches/kafkajs+2.2.4.patch, applied by patch-package on install). A real Node
 * process (Jest's sandbox does not see process warnings) talks to the real broker and must print none.
 */
const client = `
const { Kafka, logLevel } = require('kafkajs');
const [brokers, topic] = process.argv.slice(1);
const kafka = new Kafka({ clientId: 'kafkajs-timers-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
(async () => {
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await producer.connect();
  for (let i = 0; i < 5; i += 1) await producer.send({ topic, messages: [{ value: 'm' + i }] });
  const [offsets] = await admin.fetchTopicOffsets(topic);
  await producer.disconnect();
  await admin.disconnect();
  console.log('high=' + offsets.high);
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('kafkajs request queue on Node 24 (real Kafka)', () => {
  it('produces and reads offsets without a negative timer warning', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-e', client, kafkaBrokers().join(','), uniqueTopic('timers')],
      { cwd: __dirname, timeout: 30_000 },
    );
    expect(stdout.trim()).toBe('high=5');
    expect(stderr).not.toContain('TimeoutNegativeWarning');
  });
});
