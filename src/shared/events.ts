// The cross-feature events: what one feature tells the others, typed; who listens is wired in src/wire-events.ts.
// NOTE: listeners run synchronously in the emitter's turn and must not throw (they drop caches, mark writes).

/** What one successful ingest write stored: actor records, filings (complaints and claims) and who filed them. */
export interface Written {
  actorIds: string[];
  filingIds: string[];
  /**
   * The actors and filings whose record differs from what this process last wrote for them (all of them, when it
   * wrote none or has forgotten): a re-sent identical record only moves `lastSeen`.
   */
  changedActorIds: string[];
  changedFilingIds: string[];
  /** Complainants, claimants and representatives named by the written filings. */
  filerIds: string[];
}

export interface EventMap {
  /** An ingest through this process wrote records. */
  'ingest.written': Written;
  /** A review or allow-list entry changed what later runs and triage should say. */
  'reviews.changed': undefined;
  /** A run succeeded and its rings are visible. */
  'run.succeeded': { runId: string };
  /** Another process (a second instance, `npm run ingest`) wrote: what this one cached may be stale. */
  'others.wrote': undefined;
}

export type EventName = keyof EventMap;
type Listener<K extends EventName> = (payload: EventMap[K]) => void;

export class Events {
  private readonly listeners: { [K in EventName]?: Listener<K>[] } = {};

  on<K extends EventName>(name: K, listener: Listener<K>): void {
    const list = (this.listeners[name] ??= []) as Listener<K>[];
    list.push(listener);
  }

  emit<K extends EventName>(name: K, ...payload: EventMap[K] extends undefined ? [] : [EventMap[K]]): void {
    for (const l of (this.listeners[name] ?? []) as Listener<K>[]) l(payload[0] as EventMap[K]);
  }
}
