import type { Database } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import type { BackboneVersion, PresetName } from '../../contract/types';
import { PRESETS } from '../pipeline/presets';

/**
 * Backbone versions: which embedder and reranker serve, with which budgets. A version is written
 * once and never changed; activating one is a single INSERT into the activation log (atomic: a
 * reader sees the old version or the new one, never half of each), and a rollback activates the
 * version that was active before the current one. With no version yet, the app chooses models
 * itself (see runtime/select-models.ts).
 */
export type Presets = Record<PresetName, { k: number; n: number }>;

export interface NewVersion {
  label: string;
  embedderId: string | null;
  rerankerId: string | null;
  presets?: Partial<Presets>;
  /** How the version was chosen (selection metrics, query set); shown with the version. */
  evidence?: Record<string, unknown>;
}

interface Row {
  id: number;
  label: string;
  embedder_id: string | null;
  reranker_id: string | null;
  presets: string;
  evidence: string;
  created_at: string;
}

export const defaultPresets = (): Presets => ({
  quick: { k: PRESETS.quick.k, n: PRESETS.quick.n },
  standard: { k: PRESETS.standard.k, n: PRESETS.standard.n },
  research: { k: PRESETS.research.k, n: PRESETS.research.n },
});

function checkPresets(p: Presets): Presets {
  for (const [name, { k, n }] of Object.entries(p)) {
    if (!Number.isInteger(k) || !Number.isInteger(n) || k < 1 || k > 1000 || n < 0 || n > k) {
      throw createError('INVALID_REQUEST', `preset ${name}: k must be 1–1000 and n 0–k (got k=${k}, n=${n})`);
    }
  }
  return p;
}

export class BackboneVersions {
  constructor(private readonly db: Database) {}

  /** Writes a new version (not active until activated); returns it. */
  create(v: NewVersion): BackboneVersion {
    const presets = checkPresets({ ...defaultPresets(), ...v.presets });
    const info = this.db
      .prepare('INSERT INTO backbone_versions (label, embedder_id, reranker_id, presets, evidence, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(v.label, v.embedderId, v.rerankerId, JSON.stringify(presets), JSON.stringify(v.evidence ?? {}), new Date().toISOString());
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): BackboneVersion {
    const row = this.db.prepare('SELECT * FROM backbone_versions WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw createError('VERSION_NOT_FOUND', id);
    return this.toVersion(row, this.activeId());
  }

  /** All versions, newest first, with which one is active. */
  list(): BackboneVersion[] {
    const active = this.activeId();
    return (this.db.prepare('SELECT * FROM backbone_versions ORDER BY id DESC').all() as Row[]).map((r) => this.toVersion(r, active));
  }

  active(): BackboneVersion | null {
    const id = this.activeId();
    return id === null ? null : this.get(id);
  }

  /** Makes `id` the active version. */
  activate(id: number): BackboneVersion {
    return this.db.transaction(() => {
      this.get(id); // VERSION_NOT_FOUND
      this.log(id, 'activate');
      return this.get(id);
    }).immediate();
  }

  /**
   * Activates the version that was active before the current one. Repeatable: the log is replayed
   * as a stack (an activation pushes, a rollback pops), so each rollback steps back one more.
   */
  rollback(): BackboneVersion {
    return this.db.transaction(() => {
      const stack: number[] = [];
      const log = this.db.prepare('SELECT version_id AS id, kind FROM backbone_activations ORDER BY seq').all() as { id: number; kind: string }[];
      for (const e of log) {
        if (e.kind === 'rollback') stack.pop();
        else if (stack[stack.length - 1] !== e.id) stack.push(e.id); // re-activating the active one changes nothing
      }
      const previous = stack[stack.length - 2];
      if (previous === undefined) throw createError('NO_EARLIER_VERSION');
      this.log(previous, 'rollback');
      return this.get(previous);
    }).immediate();
  }

  private log(id: number, kind: 'activate' | 'rollback'): void {
    this.db.prepare('INSERT INTO backbone_activations (version_id, kind, activated_at) VALUES (?, ?, ?)').run(id, kind, new Date().toISOString());
  }

  private activeId(): number | null {
    const row = this.db.prepare('SELECT version_id AS id FROM backbone_activations ORDER BY seq DESC LIMIT 1').get() as { id: number } | undefined;
    return row?.id ?? null;
  }

  private toVersion(r: Row, active: number | null): BackboneVersion {
    return {
      id: r.id,
      label: r.label,
      embedderId: r.embedder_id,
      rerankerId: r.reranker_id,
      presets: JSON.parse(r.presets) as Presets,
      evidence: JSON.parse(r.evidence) as Record<string, unknown>,
      createdAt: r.created_at,
      active: r.id === active,
    };
  }
}
