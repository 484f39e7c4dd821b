import { createHash, randomBytes } from 'node:crypto';

/**
 * A document the fake Elasticsearch holds.
 *
 * @example
 * ```ts
 * const document: StoredDocument = { index: 'logs', id: '1', version: 1, seqNo: 0, source: { message: 'hi' } };
 * ```
 */
export interface StoredDocument {
  readonly index: string;
  readonly id: string;
  /** 1 when created, incremented by every `index` overwrite. */
  readonly version: number;
  /** The index's sequence number of the last write to this document. */
  readonly seqNo: number;
  readonly source: Readonly<Record<string, unknown>>;
}

/**
 * The outcome of one write, before it is rendered as a bulk item.
 *
 * @example
 * ```ts
 * const result: WriteResult = { kind: 'written', result: 'created', status: 201, document };
 * ```
 */
export type WriteResult =
  | {
      readonly kind: 'written';
      readonly result: 'created' | 'updated' | 'deleted' | 'not_found';
      readonly status: 200 | 201 | 404;
      readonly id: string;
      readonly version: number;
      readonly seqNo: number;
    }
  | { readonly kind: 'conflict'; readonly id: string; readonly currentVersion: number }
  /** A `delete` aimed at an index that does not exist. */
  | { readonly kind: 'index-missing'; readonly id: string };

interface IndexState {
  readonly uuid: string;
  nextSeqNo: number;
  readonly documents: Map<string, StoredDocument>;
}

/**
 * The in-memory document store behind `startFakeElasticsearch`: indices in creation order,
 * documents in first-write order, per-index sequence numbers and document versions, with the
 * conflict rules of `create` and `index`.
 *
 * @example
 * ```ts
 * const store = new ElasticsearchStore();
 * store.write('create', 'logs', '1', { message: 'hi' }); // { kind: 'written', result: 'created', … }
 * store.write('create', 'logs', '1', { message: 'hi' }); // { kind: 'conflict', … }
 * ```
 */
export class ElasticsearchStore {
  readonly #indices = new Map<string, IndexState>();

  /** Applies one write. `id` undefined means "generate one", as Elasticsearch does. */
  write(
    action: 'create' | 'index' | 'delete',
    index: string,
    id: string | undefined,
    source: Readonly<Record<string, unknown>> | undefined,
  ): WriteResult {
    const state = action === 'delete' ? this.#indices.get(index) : this.#ensureIndex(index);
    const documentId = id ?? randomBytes(15).toString('base64url');
    if (action === 'delete') {
      if (state === undefined) return { kind: 'index-missing', id: documentId };
      const existing = state.documents.get(documentId);
      if (existing === undefined) {
        return {
          kind: 'written',
          result: 'not_found',
          status: 404,
          id: documentId,
          version: 1,
          seqNo: state.nextSeqNo++,
        };
      }
      state.documents.delete(documentId);
      return {
        kind: 'written',
        result: 'deleted',
        status: 200,
        id: documentId,
        version: existing.version + 1,
        seqNo: state.nextSeqNo++,
      };
    }
    const target = state!;
    const existing = target.documents.get(documentId);
    if (existing !== undefined && action === 'create') {
      return { kind: 'conflict', id: documentId, currentVersion: existing.version };
    }
    const document: StoredDocument = {
      index,
      id: documentId,
      version: existing === undefined ? 1 : existing.version + 1,
      seqNo: target.nextSeqNo++,
      source: source ?? {},
    };
    target.documents.set(documentId, document);
    return {
      kind: 'written',
      result: existing === undefined ? 'created' : 'updated',
      status: existing === undefined ? 201 : 200,
      id: documentId,
      version: document.version,
      seqNo: document.seqNo,
    };
  }

  /** The stable uuid of an index (derived from its name, `_na_` when it does not exist). */
  uuidOf(index: string): string {
    return this.#indices.get(index)?.uuid ?? '_na_';
  }

  /** One document, or `undefined`. */
  get(index: string, id: string): StoredDocument | undefined {
    return this.#indices.get(index)?.documents.get(id);
  }

  /** Every document, index by index in creation order; only `indices` when given. */
  documents(indices?: readonly string[]): StoredDocument[] {
    const names = indices ?? [...this.#indices.keys()];
    return names.flatMap((name) => [...(this.#indices.get(name)?.documents.values() ?? [])]);
  }

  /** Index names in creation order. */
  indexNames(): string[] {
    return [...this.#indices.keys()];
  }

  /**
   * Resolves a comma-separated index expression with `*` wildcards (`cwl-*,audit`), as `_count`
   * and `_search` do: wildcards may match nothing, a concrete name must exist.
   */
  resolve(expression: string): { readonly indices: string[] } | { readonly missing: string } {
    if (expression === '' || expression === '_all' || expression === '*') {
      return { indices: this.indexNames() };
    }
    const selected = new Set<string>();
    for (const part of expression.split(',')) {
      if (part.includes('*')) {
        const pattern = new RegExp(
          `^${part
            .split('*')
            .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
        );
        for (const name of this.#indices.keys()) if (pattern.test(name)) selected.add(name);
      } else if (this.#indices.has(part)) {
        selected.add(part);
      } else {
        return { missing: part };
      }
    }
    return { indices: [...selected] };
  }

  #ensureIndex(index: string): IndexState {
    let state = this.#indices.get(index);
    if (state === undefined) {
      state = {
        uuid: createHash('sha1').update(index).digest('base64url').slice(0, 22),
        nextSeqNo: 0,
        documents: new Map(),
      };
      this.#indices.set(index, state);
    }
    return state;
  }
}
