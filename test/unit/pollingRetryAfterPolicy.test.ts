import * as assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest, type PipelineResponse, type SendRequest } from '@azure/core-rest-pipeline';
import { createPollingRetryAfterPolicy, retryAfterMs } from '../../src/azure/pollingRetryAfterPolicy';

const ARM = 'https://management.example';
const MONITOR = `${ARM}/subscriptions/s/providers/Microsoft.Compute/locations/japaneast/operations/op1?api-version=2025-04-01`;

/** A transport answering each request with the given status and headers, recording when each was sent. */
function transport(answers: Record<string, { status: number; headers: Record<string, string> }>, sent: { url: string; at: number }[], clock: { now: number }): SendRequest {
  return (request) => {
    sent.push({ url: request.url, at: clock.now });
    const answer = answers[request.url] ?? { status: 200, headers: {} };
    const response: PipelineResponse = { request, status: answer.status, headers: createHttpHeaders(answer.headers) };
    return Promise.resolve(response);
  };
}

describe('Polling never sooner than Retry-After (pollingRetryAfterPolicy)', () => {
  it('holds the first poll of an operation until the Retry-After of the answer that started it', async () => {
    const clock = { now: 1_000_000 };
    const waits: number[] = [];
    const policy = createPollingRetryAfterPolicy(
      (ms) => {
        waits.push(ms);
        clock.now += ms;
        return Promise.resolve();
      },
      () => clock.now,
    );
    const sent: { url: string; at: number }[] = [];
    const next = transport({ [`${ARM}/vm`]: { status: 201, headers: { 'azure-asyncoperation': MONITOR, 'retry-after': '10' } } }, sent, clock);
    await policy.sendRequest(createPipelineRequest({ url: `${ARM}/vm`, method: 'PUT' }), next);
    clock.now += 5;
    await policy.sendRequest(createPipelineRequest({ url: MONITOR }), next);
    assert.deepEqual(waits, [9995], 'the first poll waited what was left of the 10 s');
    assert.equal((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0), 10_000);
    await policy.sendRequest(createPipelineRequest({ url: MONITOR }), next);
    assert.deepEqual(waits, [9995], 'later polls are the SDK poller\'s own business (it honours Retry-After between polls)');
  });

  it('does not delay anything when the answer gave no Retry-After, or is not an LRO start', async () => {
    const clock = { now: 0 };
    const waits: number[] = [];
    const policy = createPollingRetryAfterPolicy((ms) => {
      waits.push(ms);
      return Promise.resolve();
    }, () => clock.now);
    const next = transport({ [`${ARM}/a`]: { status: 201, headers: { 'azure-asyncoperation': MONITOR } }, [`${ARM}/b`]: { status: 200, headers: { location: MONITOR, 'retry-after': '5' } } }, [], clock);
    await policy.sendRequest(createPipelineRequest({ url: `${ARM}/a`, method: 'PUT' }), next);
    await policy.sendRequest(createPipelineRequest({ url: `${ARM}/b`, method: 'GET' }), next);
    await policy.sendRequest(createPipelineRequest({ url: MONITOR }), next);
    assert.deepEqual(waits, []);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('2', 0), 2000);
    assert.equal(retryAfterMs(new Date(30_000).toUTCString(), 0), 30_000);
    assert.equal(retryAfterMs('soon', 0), undefined);
    assert.equal(retryAfterMs(undefined, 0), undefined);
  });
});
