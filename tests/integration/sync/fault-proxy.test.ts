// The fault-injecting proxy itself: bytes arrive intact and in order, delay,
// bandwidth, stalls, drops and partitions do what they say.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../support/fault-proxy';
import { rng } from '../../support/seeded-random';

let echo: net.Server;
let echoPort: number;
const serverSide: net.Socket[] = [];

beforeAll(async () => {
  echo = net.createServer((s) => {
    serverSide.push(s);
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  echoPort = (echo.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const s of serverSide) s.destroy();
  await new Promise<void>((r) => echo.close(() => r()));
});

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Sends `data` and resolves with the echo once `data.length` bytes came back, and the time it took. */
function roundTrip(s: net.Socket, data: Buffer): Promise<{ back: Buffer; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const got: Buffer[] = [];
    let n = 0;
    const onData = (d: Buffer) => {
      got.push(d);
      n += d.length;
      if (n >= data.length) {
        s.off('data', onData);
        resolve({ back: Buffer.concat(got), ms: performance.now() - t0 });
      }
    };
    s.on('data', onData);
    s.write(data);
  });
}

function randomBytes(n: number, seed: number): Buffer {
  const r = rng(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

describe('fault proxy', () => {
  it('forwards bytes both ways intact and in order, even cut into random small chunks with jitter', async () => {
    const proxy = await FaultProxy.start({
      target: { port: echoPort },
      seed: 1,
      shape: { chunkBytes: 7, jitterMs: 3 },
    });
    const s = await connect(proxy.port);
    const data = randomBytes(20_000, 2);
    const { back } = await roundTrip(s, data);
    expect(back.equals(data)).toBe(true);
    expect(proxy.stats.bytesUp).toBe(20_000);
    expect(proxy.stats.bytesDown).toBe(20_000);
    s.destroy();
    await proxy.close();
  });

  it('adds one-way delay (round trip ≥ 2 × delay)', async () => {
    const proxy = await FaultProxy.start({
      target: { port: echoPort },
      seed: 3,
      shape: { delayMs: 60 },
    });
    const s = await connect(proxy.port);
    const { ms } = await roundTrip(s, Buffer.from('ping'));
    expect(ms).toBeGreaterThanOrEqual(118);
    expect(ms).toBeLessThan(1000);
    s.destroy();
    await proxy.close();
  });

  it('throttles to a bandwidth', async () => {
    const proxy = await FaultProxy.start({
      target: { port: echoPort },
      seed: 4,
      shape: { bytesPerSecond: 100_000 },
    });
    const s = await connect(proxy.port);
    // 30 KB up at 100 KB/s then back down at 100 KB/s, pipelined: ≥ 300 ms.
    const { back, ms } = await roundTrip(s, randomBytes(30_000, 5));
    expect(back.length).toBe(30_000);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(2000);
    s.destroy();
    await proxy.close();
  });

  it('stalls: nothing passes until resumed, then the backlog arrives', async () => {
    const proxy = await FaultProxy.start({ target: { port: echoPort }, seed: 6 });
    const s = await connect(proxy.port);
    await roundTrip(s, Buffer.from('warm'));
    proxy.stallAll();
    let got = 0;
    s.on('data', (d: Buffer) => (got += d.length));
    s.write('held back');
    await new Promise((r) => setTimeout(r, 150));
    expect(got).toBe(0);
    proxy.resumeAll();
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe('held back'.length);
    expect(proxy.stats.stalls).toBe(1);
    s.destroy();
    await proxy.close();
  });

  it('drops: both ends see the connection close, in-flight bytes are lost', async () => {
    const proxy = await FaultProxy.start({
      target: { port: echoPort },
      seed: 7,
      shape: { delayMs: 200 },
    });
    const s = await connect(proxy.port);
    const closed = new Promise<void>((r) => s.once('close', () => r()));
    s.on('error', () => undefined);
    let got = 0;
    s.on('data', (d: Buffer) => (got += d.length));
    s.write('lost in flight');
    await new Promise((r) => setTimeout(r, 30));
    const server = serverSide.at(-1)!;
    const serverClosed = new Promise<void>((r) =>
      server.destroyed ? r() : server.once('close', () => r()),
    );
    proxy.dropAll();
    await closed;
    await serverClosed;
    expect(got).toBe(0);
    expect(proxy.stats.drops).toBe(1);
    expect(proxy.connections()).toHaveLength(0);
    await proxy.close();
  });

  it('partitions: new connections hang too, and everything flows after heal', async () => {
    const proxy = await FaultProxy.start({ target: { port: echoPort }, seed: 8 });
    proxy.partition();
    const s = await connect(proxy.port); // the TCP handshake with the proxy succeeds …
    let got = 0;
    s.on('data', (d: Buffer) => (got += d.length));
    s.write('after the partition');
    await new Promise((r) => setTimeout(r, 150));
    expect(got).toBe(0); // … but nothing reaches the far end
    proxy.heal();
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe('after the partition'.length);
    s.destroy();
    await proxy.close();
  });

  it('refusing partitions: open connections go silent and are reset at the heal, new ones are refused', async () => {
    const proxy = await FaultProxy.start({ target: { port: echoPort }, seed: 11 });
    const s = await connect(proxy.port);
    s.on('error', () => undefined);
    await roundTrip(s, Buffer.from('warm'));
    proxy.partition('refuse');
    let got = 0;
    s.on('data', (d: Buffer) => (got += d.length));
    s.write('into the void');
    const refused = await new Promise<boolean>((resolve) => {
      const t = net.connect(proxy.port, '127.0.0.1');
      t.on('error', () => resolve(true));
      t.on('close', () => resolve(true));
      t.on('data', () => resolve(false));
    });
    expect(refused).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe(0);
    expect(s.destroyed).toBe(false); // nothing tells the client yet
    const closed = new Promise<void>((r) => s.once('close', () => r()));
    proxy.heal();
    await closed;
    expect(got).toBe(0);
    const again = await connect(proxy.port);
    const { back } = await roundTrip(again, Buffer.from('back'));
    expect(back.toString()).toBe('back');
    again.destroy();
    await proxy.close();
  });

  it('orphans: the client loses the connection at once, its bytes reach the server later, after newer ones', async () => {
    const arrived: string[] = [];
    const sink = net.createServer((sock) => {
      sock.on('data', (d: Buffer) => arrived.push(d.toString()));
      sock.on('error', () => undefined);
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
    const proxy = await FaultProxy.start({
      target: { port: (sink.address() as net.AddressInfo).port },
      seed: 12,
      shape: { delayMs: 30 },
    });
    const first = await connect(proxy.port);
    first.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 20)); // the proxy has its upstream connection
    const lost = new Promise<void>((r) => first.once('close', () => r()));
    first.write('old');
    await new Promise((r) => setTimeout(r, 10)); // read by the proxy, still on the 30 ms link
    proxy.connections()[0]!.orphan(150);
    await lost;
    const second = await connect(proxy.port);
    second.write('new');
    await new Promise((r) => setTimeout(r, 300));
    expect(arrived).toEqual(['new', 'old']);
    expect(proxy.stats.orphans).toBe(1);
    second.destroy();
    await proxy.close();
    await new Promise<void>((r) => sink.close(() => r()));
  });

  it('black-hole partitions: connections from the outage stay silent after the heal, new ones work', async () => {
    const proxy = await FaultProxy.start({ target: { port: echoPort }, seed: 13 });
    proxy.partition('blackhole');
    const during = await connect(proxy.port);
    let got = 0;
    during.on('data', (d: Buffer) => (got += d.length));
    during.write('lost');
    await new Promise((r) => setTimeout(r, 50));
    proxy.heal();
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe(0);
    expect(during.destroyed).toBe(false);
    const after = await connect(proxy.port);
    const { back } = await roundTrip(after, Buffer.from('works'));
    expect(back.toString()).toBe('works');
    during.destroy();
    after.destroy();
    await proxy.close();
  });

  it('passes a clean close on after the bytes ahead of it', async () => {
    const sink = net.createServer({ allowHalfOpen: true }, (sock) => {
      const parts: Buffer[] = [];
      sock.on('data', (d: Buffer) => parts.push(d));
      sock.on('end', () => {
        sock.end(`got ${Buffer.concat(parts).length}`);
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
    const proxy = await FaultProxy.start({
      target: { port: (sink.address() as net.AddressInfo).port },
      seed: 9,
      shape: { delayMs: 50, chunkBytes: 100 },
    });
    const s = await connect(proxy.port);
    const reply = new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (d: Buffer) => (text += d.toString()));
      s.on('end', () => resolve(text));
    });
    s.end(randomBytes(5000, 10));
    expect(await reply).toBe('got 5000');
    await proxy.close();
    await new Promise<void>((r) => sink.close(() => r()));
  });
});
