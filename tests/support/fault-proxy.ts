// A fault-injecting TCP proxy for tests and benchmarks. It listens on
// 127.0.0.1 (a free port), forwards every connection to a target, and can,
// per connection or for all of them: add one-way delay and jitter, throttle
// to a bandwidth, cut writes into small chunks, stall (hold every byte, like
// a link that went silent), drop (reset both sides at once), and partition
// (hold new connections too until healed). Like TCP, bytes are never
// reordered or lost inside a connection that stays up; a drop loses whatever
// was in flight. Every random choice comes from a seeded generator, so a
// failing run can be replayed.
import net from 'node:net';
import { rng } from './seeded-random';

export interface LinkShape {
  /** One-way delay added to every byte, each direction (RTT = 2 × this). */
  delayMs?: number;
  /** Up to this much extra one-way delay, drawn per chunk (order is kept). */
  jitterMs?: number;
  /** Bandwidth of each direction, bytes per second; 0 or absent = unlimited. */
  bytesPerSecond?: number;
  /** Cut every write into pieces of 1..chunkBytes bytes (random sizes). */
  chunkBytes?: number;
}

export interface ProxyStats {
  connections: number;
  drops: number;
  stalls: number;
  /** Connections the client lost while their bytes still went on to the server later. */
  orphans: number;
  bytesUp: number;
  bytesDown: number;
}

interface Piece {
  data: Buffer;
  at: number;
}

/** One direction of one connection: a FIFO of pieces released at their arrival time. */
class Pipe {
  private readonly queue: Piece[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  /** When the (throttled) link has finished sending what was queued so far. */
  private linkFree = 0;
  private lastAt = 0;
  stalled = false;
  private closed = false;

  constructor(
    private readonly from: net.Socket,
    private readonly to: net.Socket,
    private readonly shape: () => LinkShape,
    private readonly random: () => number,
    private readonly count: (n: number) => void,
  ) {
    from.on('data', (d: Buffer) => this.push(d));
    // A clean close is passed on once the bytes ahead of it are through.
    from.on('end', () => {
      this.ending = true;
      this.schedule();
    });
  }

  private ending = false;

  private push(data: Buffer): void {
    if (this.closed) return;
    const s = this.shape();
    const pieces: Buffer[] = [];
    if (s.chunkBytes && s.chunkBytes > 0) {
      for (let i = 0; i < data.length;) {
        const n = 1 + Math.floor(this.random() * s.chunkBytes);
        pieces.push(data.subarray(i, i + n));
        i += n;
      }
    } else pieces.push(data);
    const now = performance.now();
    for (const p of pieces) {
      let sent = now;
      if (s.bytesPerSecond && s.bytesPerSecond > 0) {
        sent = Math.max(now, this.linkFree) + (p.length / s.bytesPerSecond) * 1000;
        this.linkFree = sent;
      }
      const jitter = s.jitterMs ? this.random() * s.jitterMs : 0;
      // TCP keeps order: a piece never arrives before the one ahead of it.
      const at = Math.max(this.lastAt, sent + (s.delayMs ?? 0) + jitter);
      this.lastAt = at;
      this.queue.push({ data: p, at });
      this.queued += p.length;
    }
    // Flow control: a slow link pushes back on the sender instead of buffering without end.
    if (this.queued > 256 * 1024) this.from.pause();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.stalled || this.closed) return;
    if (!this.queue.length) {
      if (this.ending && !this.to.writableEnded) this.to.end();
      return;
    }
    const wait = this.queue[0]!.at - performance.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.flush();
      },
      Math.max(1, Math.ceil(wait)),
    );
  }

  private flush(): void {
    if (this.stalled || this.closed) return;
    const now = performance.now();
    const out: Buffer[] = [];
    while (this.queue.length && this.queue[0]!.at <= now + 0.5) {
      const p = this.queue.shift()!;
      this.queued -= p.data.length;
      out.push(p.data);
    }
    if (out.length) {
      // Chunked: each piece is its own write, as a link of small segments delivers them.
      for (const b of out) {
        this.count(b.length);
        this.to.write(b);
      }
    }
    if (this.queued <= 64 * 1024 && this.from.isPaused()) this.from.resume();
    this.schedule();
  }

  stall(): void {
    this.stalled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  resume(): void {
    if (!this.stalled) return;
    this.stalled = false;
    // What waited behind the stall arrives now (a link that comes back delivers its backlog).
    const now = performance.now();
    this.lastAt = now;
    this.linkFree = Math.min(this.linkFree, now);
    for (const p of this.queue) if (p.at < now) p.at = now;
    this.schedule();
  }

  /** Ends the far side once what is queued has gone through. */
  endWhenDrained(): void {
    this.ending = true;
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
    this.queued = 0;
  }
}

export class ProxiedConnection {
  readonly upstream: net.Socket;
  private upPipe: Pipe | null = null;
  private downPipe: Pipe | null = null;
  private shape: LinkShape;
  private dead = false;
  /** Stalled before the upstream connection existed (a partition at connect time). */
  private stalledEarly = false;
  readonly opened = performance.now();

  constructor(
    readonly id: number,
    readonly client: net.Socket,
    private readonly proxy: FaultProxy,
    random: () => number,
  ) {
    this.shape = { ...proxy.shape };
    client.pause();
    const upstream = net.connect({
      port: proxy.target.port,
      host: proxy.target.host,
      allowHalfOpen: true,
    });
    this.upstream = upstream;
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    upstream.on('connect', () => {
      if (this.dead) return;
      this.upPipe = new Pipe(
        client,
        upstream,
        () => this.shape,
        random,
        (n) => (proxy.stats.bytesUp += n),
      );
      this.downPipe = new Pipe(
        upstream,
        client,
        () => this.shape,
        random,
        (n) => (proxy.stats.bytesDown += n),
      );
      if (this.stalledEarly) {
        this.upPipe.stall();
        this.downPipe.stall();
      }
      client.resume();
    });
    for (const s of [client, upstream]) {
      s.on('error', () => {
        if (!(this.orphaned && s === client)) this.close();
      });
      // A clean close of one side is passed on by its pipe (after the bytes ahead of it);
      // the connection is over when both sides are closed.
      s.on('close', (hadError: boolean) => {
        if (this.orphaned && s === client) return;
        if (hadError || (client.destroyed && upstream.destroyed)) this.close();
      });
    }
  }

  private orphaned = false;

  /**
   * The client loses this connection at once (reset) and will make a new one; what it had sent
   * is held for `holdMs` and then still reaches the server, after whatever the client sends on
   * its next connection: messages arrive out of order across connections.
   */
  orphan(holdMs: number): void {
    if (this.dead || this.orphaned || !this.upPipe || !this.downPipe) return;
    this.orphaned = true;
    this.proxy.stats.orphans++;
    this.upPipe.stall();
    this.downPipe.close();
    if (typeof this.client.resetAndDestroy === 'function') this.client.resetAndDestroy();
    else this.client.destroy();
    const up = this.upPipe;
    const t = setTimeout(() => {
      if (this.dead) return;
      up.resume();
      up.endWhenDrained();
    }, holdMs);
    t.unref?.();
  }

  get alive(): boolean {
    return !this.dead;
  }

  setShape(shape: LinkShape): void {
    this.shape = { ...shape };
  }

  /** Holds every byte in both directions until resume(); the sockets stay open. */
  stall(): void {
    if (this.dead) return;
    this.proxy.stats.stalls++;
    this.stalledEarly = true;
    this.upPipe?.stall();
    this.downPipe?.stall();
  }

  /** Silent for good (see FaultProxy.heal after a 'blackhole' partition). */
  lost = false;

  resume(): void {
    if (this.lost) return;
    this.stalledEarly = false;
    this.upPipe?.resume();
    this.downPipe?.resume();
  }

  get stalled(): boolean {
    return this.stalledEarly;
  }

  /** The link goes: both ends are reset, whatever was in flight is lost. */
  drop(): void {
    if (this.dead) return;
    this.proxy.stats.drops++;
    this.close(true);
  }

  private close(reset = false): void {
    if (this.dead) return;
    this.dead = true;
    this.upPipe?.close();
    this.downPipe?.close();
    for (const s of [this.client, this.upstream]) {
      if (reset && typeof s.resetAndDestroy === 'function' && s.readyState !== 'opening')
        s.resetAndDestroy();
      else s.destroy();
    }
    this.proxy.forget(this);
  }
}

export interface FaultProxyOptions {
  target: { host?: string; port: number };
  seed: number;
  shape?: LinkShape;
}

export class FaultProxy {
  readonly target: { host: string; port: number };
  readonly stats: ProxyStats = {
    connections: 0,
    drops: 0,
    stalls: 0,
    orphans: 0,
    bytesUp: 0,
    bytesDown: 0,
  };
  /** Applied to connections made from now on (setShape also reshapes the open ones). */
  shape: LinkShape;
  readonly random: () => number;
  private readonly conns = new Set<ProxiedConnection>();
  private partitioned: false | 'hold' | 'refuse' | 'blackhole' = false;
  private nextId = 1;

  private constructor(
    private readonly server: net.Server,
    opts: FaultProxyOptions,
  ) {
    this.target = { host: opts.target.host ?? '127.0.0.1', port: opts.target.port };
    this.shape = { ...opts.shape };
    this.random = rng(opts.seed);
    server.on('connection', (socket) => {
      this.stats.connections++;
      // Each connection draws from its own generator, seeded from the proxy's: replayable
      // whatever order the two directions' data arrives in.
      const c = new ProxiedConnection(
        this.nextId++,
        socket,
        this,
        rng(Math.floor(this.random() * 2 ** 32)),
      );
      this.conns.add(c);
      if (this.partitioned === 'refuse') c.drop();
      else if (this.partitioned) c.stall();
    });
  }

  static async start(opts: FaultProxyOptions): Promise<FaultProxy> {
    const server = net.createServer({ noDelay: true, allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FaultProxy(server, opts);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** http://127.0.0.1:port — the address clients use instead of the server's. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Points new connections at another port (a server restarted elsewhere). */
  retarget(port: number): void {
    this.target.port = port;
  }

  connections(): ProxiedConnection[] {
    return [...this.conns];
  }

  setShape(shape: LinkShape): void {
    this.shape = { ...shape };
    for (const c of this.conns) c.setShape(shape);
  }

  stallAll(): void {
    for (const c of this.conns) c.stall();
  }

  resumeAll(): void {
    for (const c of this.conns) c.resume();
  }

  dropAll(): void {
    for (const c of [...this.conns]) c.drop();
  }

  /**
   * No byte passes either way until heal(). 'hold': open and new connections are held and carry on
   * after the heal (a short outage TCP rides out). 'refuse': the link is really gone — open
   * connections go silent and are found dead after the heal (reset), new ones are refused at once
   * (as with no route), so the client has to notice and reconnect by itself.
   */
  partition(mode: 'hold' | 'refuse' | 'blackhole' = 'hold'): void {
    this.partitioned = mode;
    this.stallAll();
  }

  /**
   * The link is back. After 'blackhole' the connections that were open during the partition stay
   * silent for good (a NAT that forgot them, SYNs lost): nothing tells either end, only new
   * connections work, and a client has to notice by itself.
   */
  heal(): void {
    const was = this.partitioned;
    this.partitioned = false;
    if (was === 'refuse') this.dropAll();
    else if (was === 'blackhole') for (const c of this.conns) c.lost = true;
    else this.resumeAll();
  }

  get isPartitioned(): boolean {
    return this.partitioned !== false;
  }

  /** Internal: a connection ended. */
  forget(c: ProxiedConnection): void {
    this.conns.delete(c);
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
