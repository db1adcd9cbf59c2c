'use strict';

// One side of the end-to-end load benchmark, driven by LoadBenchmark over stdin/stdout lines.
// Run with NODE_PATH pointing at the test kit's node_modules (@deepstream/client 7.0.5).
//
// argv:   <url> <prefix> <providers>   provides <prefix>-1 on provider 1 and <prefix>-4 on providers
//                                      1..<providers>, each its own client; 0 = requester only
// stdout: ready | warm | result <calls> <errors> <wallNs> <p50us> <p90us> <p99us> <maxUs>
// stdin:  run <target> <inFlight> <payloadBytes> <warmupMs> <measureMs> | go | quit

const { DeepstreamClient } = require('@deepstream/client');
const { createInterface } = require('node:readline');
const { performance } = require('node:perf_hooks');

const [url, prefix, providerArg] = process.argv.slice(2);
const providerCount = Number(providerArg);
const log = (...args) => process.stderr.write(`${args.join(' ')}\n`);
console.log = console.info = console.warn = console.error = console.debug = log;

function connect() {
  const client = new DeepstreamClient(url, { subscriptionInterval: 0 });
  client.on('error', (error, event) => log('client error', event, error));
  return client.login({}).then(() => client);
}

function payload(bytes) {
  return 'x'.repeat(Math.max(0, bytes - 2));
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

// Keeps inFlight calls outstanding until the deadline, then lets them drain.
function closedLoop(requester, target, inFlight, data, durationMs, record) {
  return new Promise((resolve) => {
    const stats = { calls: 0, errors: 0, latencies: record ? [] : null };
    const start = performance.now();
    const end = start + durationMs;
    let running = inFlight;
    let last = start;
    const lane = () => {
      const begin = performance.now();
      requester.rpc.make(target, data, (error, result) => {
        const now = performance.now();
        last = now;
        if (error || typeof result !== 'string' || result.length !== data.length) {
          stats.errors++;
          if (stats.errors < 5) {
            log('call failed', error, typeof result);
          }
        }
        else {
          stats.calls++;
          if (stats.latencies) {
            stats.latencies.push((now - begin) * 1000);
          }
        }
        if (now < end) {
          lane();
        }
        else if (--running === 0) {
          stats.wallNs = Math.round((last - start) * 1e6);
          resolve(stats);
        }
      });
    };
    for (let i = 0; i < inFlight; i++) {
      lane();
    }
  });
}

let goSignal = null;

async function run(requester, [target, inFlight, bytes, warmupMs, measureMs]) {
  const data = payload(Number(bytes));
  await closedLoop(requester, target, Number(inFlight), data, Number(warmupMs), false);
  await new Promise((resolve) => {
    goSignal = resolve;
    process.stdout.write('warm\n');
  });
  const stats = await closedLoop(requester, target, Number(inFlight), data, Number(measureMs), true);
  const sorted = Float64Array.from(stats.latencies).sort();
  const fields = [stats.calls, stats.errors, stats.wallNs, percentile(sorted, 0.5), percentile(sorted, 0.9),
    percentile(sorted, 0.99), sorted.length ? sorted[sorted.length - 1] : 0].map((v) => Math.round(v));
  process.stdout.write(`result ${fields.join(' ')}\n`);
}

async function main() {
  const requester = await connect();
  for (let i = 1; i <= providerCount; i++) {
    const provider = await connect();
    const echo = (data, response) => response.send(data);
    if (i === 1) {
      provider.rpc.provide(`${prefix}-1`, echo);
    }
    provider.rpc.provide(`${prefix}-4`, echo);
  }
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, ...args] = line.trim().split(' ');
    if (command === 'run') {
      run(requester, args).catch((error) => log('run failed', error));
    }
    else if (command === 'go' && goSignal) {
      const signal = goSignal;
      goSignal = null;
      signal();
    }
    else if (command === 'quit') {
      process.exit(0);
    }
  });
  lines.on('close', () => process.exit(0));
  process.stdout.write('ready\n');
}

main().catch((error) => {
  log('worker failed', error);
  process.exit(1);
});
