import type { DocumentStore, ListOptions, NewDocument, Page, Stored, UpdateOptions, WriteOperation } from '../ports/document-store';

/**
 * A store that calls `onWrite` with the kinds written after every successful write, so caches of derived data
 * (computed reports) are dropped the moment their data changes. Reads pass straight through.
 */
export class NotifyingStore implements DocumentStore {
  constructor(
    private readonly inner: DocumentStore,
    private readonly onWrite: (kinds: readonly string[]) => void,
  ) {}

  private async notify<T>(kinds: readonly string[], write: Promise<T>): Promise<T> {
    const result = await write;
    this.onWrite(kinds);
    return result;
  }

  get<T extends object>(kind: string, partnershipId: string, id: string): Promise<Stored<T> | undefined> {
    return this.inner.get<T>(kind, partnershipId, id);
  }

  list<T extends object>(kind: string, partnershipId: string, options?: ListOptions): Promise<Page<T>> {
    return this.inner.list<T>(kind, partnershipId, options);
  }

  create<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    return this.notify([kind], this.inner.create<T>(kind, partnershipId, doc));
  }

  update<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>, options: UpdateOptions): Promise<Stored<T>> {
    return this.notify([kind], this.inner.update<T>(kind, partnershipId, doc, options));
  }

  upsert<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    return this.notify([kind], this.inner.upsert<T>(kind, partnershipId, doc));
  }

  delete(kind: string, partnershipId: string, id: string): Promise<void> {
    return this.notify([kind], this.inner.delete(kind, partnershipId, id));
  }

  commit(partnershipId: string, operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]> {
    return this.notify(operations.map((operation) => operation.kind), this.inner.commit(partnershipId, operations));
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
