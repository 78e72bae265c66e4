import { EventTap, testKafka, uniqueTopic } from '../src';

describe('EventTap (real Kafka)', () => {
  it('sees what is produced after it opened, not before', async () => {
    const topic = uniqueTopic('tap');
    const kafka = testKafka('tap-test');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'a', value: '{"before":true}' }] });
    const tap = await EventTap.open([topic]);
    try {
      await producer.send({
        topic,
        messages: [{ key: 'b', value: '{"after":true}', headers: { ce_type: 'pcc.test.x' } }],
      });
      const message = await tap.waitFor((m) => m.key === 'b');
      expect(message.value).toEqual({ after: true });
      expect(message.headers.ce_type).toBe('pcc.test.x');
      await expect(tap.waitFor((m) => m.key === 'a', 500)).rejects.toThrow(/no matching event/);
    } finally {
      await producer.disconnect();
      await tap.close();
    }
  });
});
