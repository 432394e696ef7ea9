/**
 * Schedulers decide, each iteration, which rules search and whether their matches apply.
 *
 * The runner asks {@link Scheduler.searchLimit} before searching a rule (0 skips it), then
 * {@link Scheduler.shouldApply} with the number of matches found, and before stopping as
 * saturated {@link Scheduler.canStop}. A rule whose root operator no class holds is neither
 * searched nor offered to the scheduler that iteration: it could only find nothing.
 */
export interface Scheduler {
  readonly name: string;
  /** Called once before a run with the number of rewrites. */
  start(ruleCount: number): void;
  /** The most matches to collect for rule `rule` this iteration; 0 skips the rule, `Infinity` means all. */
  searchLimit(iteration: number, rule: number): number;
  /** Whether to apply the `matches` found for rule `rule`. */
  shouldApply(iteration: number, rule: number, matches: number): boolean;
  /** Whether a run that changed nothing this iteration may stop as saturated. */
  canStop(iteration: number): boolean;
  /** How many times rule `rule` was banned (0 for schedulers that never ban). */
  bans(rule: number): number;
}

/**
 * Every rule searches and applies every iteration.
 *
 * @example
 * ```ts
 * runRewrites(egraph, rewrites, { scheduler: simpleScheduler() });
 * ```
 */
export function simpleScheduler(): Scheduler {
  return new SimpleScheduler();
}

class SimpleScheduler implements Scheduler {
  readonly name = "simple";
  start(): void {}
  searchLimit(): number {
    return Number.POSITIVE_INFINITY;
  }
  shouldApply(): boolean {
    return true;
  }
  canStop(): boolean {
    return true;
  }
  bans(): number {
    return 0;
  }
}

/** Options of {@link backoffScheduler}; egg's defaults. */
export interface BackoffOptions {
  /** Matches a rule may have in one iteration before it is banned (1,000). */
  readonly matchLimit?: number;
  /** Iterations a first ban lasts (5). Both double with each further ban of the rule. */
  readonly banLength?: number;
}

/**
 * egg's `BackoffScheduler`: a rule that finds more than its match limit in one iteration
 * is not applied and is banned for the ban length; each ban doubles both for that rule.
 * This keeps explosive rules (associativity, commutativity, `?a => (+ ?a 0)`) from
 * swamping the e-graph. When everything else is saturated, bans are cut short (the
 * earliest-ending ban ends now) rather than stopping early.
 *
 * @example
 * ```ts
 * runRewrites(egraph, rewrites, { scheduler: backoffScheduler({ matchLimit: 1_000, banLength: 5 }) });
 * ```
 */
export function backoffScheduler(options: BackoffOptions = {}): Scheduler {
  return new BackoffScheduler(options.matchLimit ?? 1_000, options.banLength ?? 5);
}

class BackoffScheduler implements Scheduler {
  readonly name = "backoff";
  // Grown as needed and reused by the next run's `start`: a run of the simplifier is small,
  // and allocating these per run cost more than its search.
  private timesBanned = new Float64Array(64);
  private bannedUntil = new Float64Array(64);
  private ruleCount = 0;

  constructor(
    private readonly matchLimit: number,
    private readonly banLength: number,
  ) {}

  start(ruleCount: number): void {
    if (ruleCount > this.timesBanned.length) {
      const size = Math.max(ruleCount, 2 * this.timesBanned.length);
      this.timesBanned = new Float64Array(size);
      this.bannedUntil = new Float64Array(size);
    }
    this.ruleCount = ruleCount;
    this.timesBanned.fill(0, 0, ruleCount);
    this.bannedUntil.fill(0, 0, ruleCount);
  }

  private threshold(rule: number): number {
    return this.matchLimit * 2 ** this.timesBanned[rule]!;
  }

  searchLimit(iteration: number, rule: number): number {
    if (iteration < this.bannedUntil[rule]!) return 0;
    return this.threshold(rule) + 1; // one more than allowed is enough to know it is too many
  }

  shouldApply(iteration: number, rule: number, matches: number): boolean {
    if (matches <= this.threshold(rule)) return true;
    this.bannedUntil[rule] = iteration + this.banLength * 2 ** this.timesBanned[rule]!;
    this.timesBanned[rule]!++;
    return false;
  }

  canStop(iteration: number): boolean {
    const bannedUntil = this.bannedUntil;
    let earliest = Number.POSITIVE_INFINITY;
    for (let r = 0; r < this.ruleCount; r++) {
      if (bannedUntil[r]! > iteration) earliest = Math.min(earliest, bannedUntil[r]!);
    }
    if (earliest === Number.POSITIVE_INFINITY) return true;
    // Fast-forward: every banned rule's ban moves earlier by the time the first one has left.
    const delta = earliest - iteration;
    for (let r = 0; r < this.ruleCount; r++) {
      if (bannedUntil[r]! > iteration) bannedUntil[r] = bannedUntil[r]! - delta;
    }
    return false;
  }

  bans(rule: number): number {
    return rule < this.ruleCount ? this.timesBanned[rule]! : 0;
  }
}
