/**
 * GET /metrics in the Prometheus text format (prom-client): what an operator watches. Counts and
 * timings only: no workshop id, name, token or key ever becomes a label. The process's default
 * metrics (event-loop lag, heap, GC, CPU) start with the first scrape, so a server nobody scrapes
 * (every test server) runs no monitor for them.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricSources {
  /** Socket.IO connections by role. */
  connections(): { participants: number; facilitators: number };
  /** Workshops this node holds in memory. */
  workshopsLoaded(): number;
  /** Group documents this node holds in memory. */
  docsLoaded(): number;
  /** Workshop leases: held now, and since start taken over, refused and lost (all 0 on one node). */
  leases(): { held: number; takeovers: number; refusals: number; lost: number };
}

/** Milliseconds → seconds buckets for an edit's handling (sub-millisecond) and a commit's (ms to s). */
const EDIT_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];
const COMMIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class Metrics {
  readonly registry = new Registry();
  private defaultsStarted = false;
  private readonly edits: Counter;
  private readonly editSeconds: Histogram;
  private readonly commitSeconds: Histogram;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    new Gauge({
      name: 'draftroom_participants_online',
      help: 'Participants connected over Socket.IO',
      registers,
      collect() {
        this.set(sources.connections().participants);
      },
    });
    new Gauge({
      name: 'draftroom_facilitators_online',
      help: 'Facilitator consoles connected over Socket.IO',
      registers,
      collect() {
        this.set(sources.connections().facilitators);
      },
    });
    new Gauge({
      name: 'draftroom_workshops_loaded',
      help: 'Workshops held in memory on this node',
      registers,
      collect() {
        this.set(sources.workshopsLoaded());
      },
    });
    new Gauge({
      name: 'draftroom_documents_loaded',
      help: 'Group documents held in memory on this node',
      registers,
      collect() {
        this.set(sources.docsLoaded());
      },
    });
    new Gauge({
      name: 'draftroom_workshops_owned',
      help: 'Workshops whose lease this node holds (several nodes on PostgreSQL)',
      registers,
      collect() {
        this.set(sources.leases().held);
      },
    });
    const leaseCount = (name: string, help: string, read: (l: ReturnType<MetricSources['leases']>) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read(sources.leases()));
        },
      });
    leaseCount('draftroom_lease_takeovers_total', 'Workshop leases taken from a node whose lease had expired (a failover)', (l) => l.takeovers);
    leaseCount('draftroom_lease_refusals_total', 'Requests for a workshop another node held (answered with the retry codes)', (l) => l.refusals);
    leaseCount('draftroom_leases_lost_total', 'Workshop leases this node lost (not renewed in time, or taken over)', (l) => l.lost);
    this.edits = new Counter({ name: 'draftroom_edits_total', help: 'Document edits accepted from clients (rate() gives edits/s)', registers });
    this.editSeconds = new Histogram({
      name: 'draftroom_edit_relay_seconds',
      help: 'Time to apply an accepted edit, queue it for the store and for every peer',
      buckets: EDIT_BUCKETS,
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'draftroom_store_commit_seconds',
      help: 'Time from handing a group commit of document updates to the store to its being on disk',
      buckets: COMMIT_BUCKETS,
      registers,
    });
  }

  /** An accepted edit and its handling time. */
  edit(ms: number): void {
    this.edits.inc();
    this.editSeconds.observe(ms / 1000);
  }

  /** A group commit and its time. */
  commit(ms: number): void {
    this.commitSeconds.observe(ms / 1000);
  }

  /** The text a scrape returns. */
  async scrape(): Promise<string> {
    if (!this.defaultsStarted) {
      this.defaultsStarted = true;
      collectDefaultMetrics({ register: this.registry, prefix: 'draftroom_' });
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
