/**
 * Customers, agents, documents and open items: the ERP's books as the contract serves them. Every write
 * stamps the row with the next value of the change sequence; items are never removed, only given another
 * status (`paid`, `closed`, `deleted`), so deltas can report them as tombstones.
 */
import type { Database } from 'better-sqlite3';
import type { AgentWire, CustomerWire, OpenItemWire, TombstoneWire } from '../../../src/erp/wire';
import type { SeedDocument } from '../seed/types';
import type { ChangeSequence } from './change-sequence';
import { statementCache, type Prepare } from './statements';
import { encodeCursor, type CollectionName, type PagePosition } from './paging';

export type ItemStatus = 'open' | TombstoneWire['reason'];

export interface StoredItem {
  readonly item: OpenItemWire;
  readonly status: ItemStatus;
  readonly seq: number;
}

interface AgentRow {
  id: string;
  name: string;
  email: string | null;
  seq: number;
}
interface CustomerRow {
  id: string;
  name: string;
  vat_number: string | null;
  emails: string;
  pec: string | null;
  language: string | null;
  agent_id: string | null;
  blocked: number;
  hold_until: string | null;
  consumer: number | null;
  seq: number;
}
interface ItemRow {
  id: string;
  customer_id: string;
  document_id: string;
  document_number: string;
  document_type: OpenItemWire['documentType'];
  document_date: string;
  due_date: string;
  installment: number;
  amount: number;
  residual: number;
  currency: string;
  payment_method: string | null;
  agent_id: string | null;
  disputed: number;
  hold_until: string | null;
  hold_reason: OpenItemWire['holdReason'] | null;
  status: ItemStatus;
  seq: number;
}
interface DocumentRow {
  id: string;
  number: string;
  type: SeedDocument['type'];
  date: string;
  customer_id: string;
  currency: string;
  lines: string;
  total: number;
  pad_pdf_to_bytes: number | null;
}

/** A wire page of one collection, as `pageSchema` describes it. */
export interface CollectionPage {
  readonly data: unknown[];
  readonly tombstones?: TombstoneWire[];
  readonly nextCursor: string | null;
  readonly syncToken: string | null;
  readonly total: number;
}

const orNull = <T>(value: T | undefined): T | null => value ?? null;
const bool = (value: boolean): number => (value ? 1 : 0);

// Absent optional fields are `undefined` in the wire types; JSON leaves them out.
const absentIfNull = <T>(value: T | null): T | undefined => value ?? undefined;

export const agentFromRow = (row: AgentRow): AgentWire => ({
  id: row.id,
  name: row.name,
  email: absentIfNull(row.email),
});

export const customerFromRow = (row: CustomerRow): CustomerWire => ({
  id: row.id,
  name: row.name,
  vatNumber: absentIfNull(row.vat_number),
  emails: JSON.parse(row.emails) as string[],
  pec: absentIfNull(row.pec),
  language: absentIfNull(row.language),
  agentId: absentIfNull(row.agent_id),
  blocked: row.blocked === 1,
  holdUntil: absentIfNull(row.hold_until),
  consumer: row.consumer === null ? undefined : row.consumer === 1,
});

export const itemFromRow = (row: ItemRow): OpenItemWire => ({
  id: row.id,
  customerId: row.customer_id,
  documentId: row.document_id,
  documentNumber: row.document_number,
  documentType: row.document_type,
  documentDate: row.document_date,
  dueDate: row.due_date,
  installment: row.installment,
  amount: row.amount,
  residual: row.residual,
  currency: row.currency,
  paymentMethod: absentIfNull(row.payment_method),
  agentId: absentIfNull(row.agent_id),
  disputed: row.disputed === 1,
  holdUntil: absentIfNull(row.hold_until),
  holdReason: absentIfNull(row.hold_reason),
});

const documentFromRow = (row: DocumentRow): SeedDocument => ({
  id: row.id,
  number: row.number,
  type: row.type,
  date: row.date,
  customerId: row.customer_id,
  currency: row.currency,
  lines: JSON.parse(row.lines) as SeedDocument['lines'],
  total: row.total,
  ...(row.pad_pdf_to_bytes !== null ? { padPdfToBytes: row.pad_pdf_to_bytes } : {}),
});

const TABLES: Record<CollectionName, string> = {
  customers: 'customers',
  agents: 'agents',
  'open-items': 'items',
};

export class CatalogStore {
  private readonly sql: Prepare;

  constructor(
    db: Database,
    private readonly sequence: ChangeSequence,
  ) {
    this.sql = statementCache(db);
  }

  // ── writes ────────────────────────────────────────────────────────────────────────────────────────

  putAgent(agent: AgentWire, seq = this.sequence.next()): void {
    this.sql('INSERT OR REPLACE INTO agents (id, name, email, seq) VALUES (?, ?, ?, ?)').run(
      agent.id,
      agent.name,
      orNull(agent.email),
      seq,
    );
  }

  putCustomer(customer: CustomerWire, seq = this.sequence.next()): void {
    this.sql(
      `INSERT OR REPLACE INTO customers (id, name, vat_number, emails, pec, language, agent_id, blocked, hold_until, consumer, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      customer.id,
      customer.name,
      orNull(customer.vatNumber),
      JSON.stringify(customer.emails),
      orNull(customer.pec),
      orNull(customer.language),
      orNull(customer.agentId),
      bool(customer.blocked),
      orNull(customer.holdUntil),
      customer.consumer === undefined || customer.consumer === null ? null : bool(customer.consumer),
      seq,
    );
  }

  putDocument(document: SeedDocument): void {
    this.sql(
      `INSERT OR REPLACE INTO documents (id, number, type, date, customer_id, currency, lines, total, pad_pdf_to_bytes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      document.id,
      document.number,
      document.type,
      document.date,
      document.customerId,
      document.currency,
      JSON.stringify(document.lines),
      document.total,
      orNull(document.padPdfToBytes),
    );
    this.sql('DELETE FROM document_pdfs WHERE document_id = ?').run(document.id);
  }

  /** Inserts or replaces an item. Its status defaults to `open`, or `paid` when nothing is left to pay. */
  putItem(
    item: OpenItemWire,
    status: ItemStatus = item.residual === 0 ? 'paid' : 'open',
    seq = this.sequence.next(),
  ): void {
    this.sql(
      `INSERT OR REPLACE INTO items (id, customer_id, document_id, document_number, document_type, document_date,
           due_date, installment, amount, residual, currency, payment_method, agent_id, disputed, hold_until, hold_reason, status, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      item.id,
      item.customerId,
      item.documentId,
      item.documentNumber,
      item.documentType,
      item.documentDate,
      item.dueDate,
      item.installment,
      item.amount,
      item.residual,
      item.currency,
      orNull(item.paymentMethod),
      orNull(item.agentId),
      bool(item.disputed),
      orNull(item.holdUntil),
      orNull(item.holdReason),
      status,
      seq,
    );
  }

  /** Marks every open item not in `keep` as deleted (a reset: clients see tombstones). Returns how many. */
  deleteOpenItemsExcept(keep: ReadonlySet<string>): number {
    const ids = this.sql<[], string>("SELECT id FROM items WHERE status = 'open' ORDER BY id").pluck().all();
    let count = 0;
    for (const id of ids) {
      if (keep.has(id)) continue;
      this.setItemStatus(id, 'deleted');
      count++;
    }
    return count;
  }

  setItemStatus(id: string, status: ItemStatus): void {
    this.sql('UPDATE items SET status = ?, seq = ? WHERE id = ?').run(status, this.sequence.next(), id);
  }

  /** Removes customers, agents and documents not in the given sets (a reset; the contract has no tombstones for them). */
  pruneExcept(
    customers: ReadonlySet<string>,
    agents: ReadonlySet<string>,
    documents: ReadonlySet<string>,
  ): void {
    const prune = (table: string, keep: ReadonlySet<string>) => {
      const ids = this.sql<[], string>(`SELECT id FROM ${table}`).pluck().all();
      const remove = this.sql(`DELETE FROM ${table} WHERE id = ?`);
      for (const id of ids) if (!keep.has(id)) remove.run(id);
    };
    prune('customers', customers);
    prune('agents', agents);
    prune('documents', documents);
  }

  // ── reads ─────────────────────────────────────────────────────────────────────────────────────────

  getItem(id: string): StoredItem | undefined {
    const row = this.sql<[string], ItemRow>('SELECT * FROM items WHERE id = ?').get(id);
    return row === undefined ? undefined : { item: itemFromRow(row), status: row.status, seq: row.seq };
  }

  getCustomer(id: string): CustomerWire | undefined {
    const row = this.sql<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?').get(id);
    return row === undefined ? undefined : customerFromRow(row);
  }

  getAgent(id: string): AgentWire | undefined {
    const row = this.sql<[string], AgentRow>('SELECT * FROM agents WHERE id = ?').get(id);
    return row === undefined ? undefined : agentFromRow(row);
  }

  getDocument(id: string): SeedDocument | undefined {
    const row = this.sql<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?').get(id);
    return row === undefined ? undefined : documentFromRow(row);
  }

  /** Every installment of a document, whatever its status, by installment number. */
  itemsOfDocument(documentId: string): OpenItemWire[] {
    return this.sql<[string], ItemRow>('SELECT * FROM items WHERE document_id = ? ORDER BY installment, id')
      .all(documentId)
      .map(itemFromRow);
  }

  /** The ids of items that exist (any status) among `ids`. */
  existingItemIds(ids: readonly string[]): Set<string> {
    const found = new Set<string>();
    const statement = this.sql<[string], string>('SELECT id FROM items WHERE id = ?').pluck();
    for (const id of ids) if (statement.get(id) !== undefined) found.add(id);
    return found;
  }

  countOpenItems(): number {
    return this.sql<[], number>("SELECT count(*) FROM items WHERE status = 'open'").pluck().get() ?? 0;
  }

  isEmpty(): boolean {
    return (
      this.sql<[], number>('SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM customers)')
        .pluck()
        .get() === 0
    );
  }

  cachedPdf(documentId: string): Uint8Array | undefined {
    return this.sql<[string], Buffer>('SELECT pdf FROM document_pdfs WHERE document_id = ?')
      .pluck()
      .get(documentId);
  }

  cachePdf(documentId: string, pdf: Uint8Array): void {
    this.sql('INSERT OR REPLACE INTO document_pdfs (document_id, pdf) VALUES (?, ?)').run(
      documentId,
      Buffer.from(pdf),
    );
  }

  // ── listings ──────────────────────────────────────────────────────────────────────────────────────

  /** The first position of a listing: the high-water mark is the sequence now; `total` counted now. */
  startListing(resource: CollectionName, since: number | undefined): PagePosition {
    const hwm = this.sequence.current();
    const delta = since !== undefined;
    const from = since ?? 0;
    const onlyOpen = resource === 'open-items' && !delta ? " AND status = 'open'" : '';
    const total =
      this.sql<[number, number], number>(
        `SELECT count(*) FROM ${TABLES[resource]} WHERE seq > ? AND seq <= ?${onlyOpen}`,
      )
        .pluck()
        .get(from, hwm) ?? 0;
    return {
      resource,
      delta,
      since: from,
      hwm,
      afterSeq: from,
      afterId: '',
      total,
      databaseId: this.sequence.databaseId,
    };
  }

  /** One page from `position`: at most `limit` rows (records and tombstones together). */
  readPage(position: PagePosition, limit: number): CollectionPage {
    const table = TABLES[position.resource];
    const onlyOpen = position.resource === 'open-items' && !position.delta ? " AND status = 'open'" : '';
    const rows = this.sql<[number, number, number, string, number], { id: string; seq: number }>(
      `SELECT * FROM ${table}
         WHERE seq > ? AND seq <= ? AND (seq, id) > (?, ?)${onlyOpen}
         ORDER BY seq, id LIMIT ?`,
    ).all(position.since, position.hwm, position.afterSeq, position.afterId, limit + 1);
    const more = rows.length > limit;
    const served = more ? rows.slice(0, limit) : rows;
    const last = served[served.length - 1];
    const nextCursor =
      more && last !== undefined ? encodeCursor({ ...position, afterSeq: last.seq, afterId: last.id }) : null;
    const page = {
      nextCursor,
      syncToken: more ? null : this.sequence.token(position.hwm),
      total: position.total,
    };

    if (position.resource === 'customers')
      return { data: (served as unknown as CustomerRow[]).map(customerFromRow), ...page };
    if (position.resource === 'agents')
      return { data: (served as unknown as AgentRow[]).map(agentFromRow), ...page };
    const data: OpenItemWire[] = [];
    const tombstones: TombstoneWire[] = [];
    for (const row of served as unknown as ItemRow[]) {
      if (row.status === 'open') data.push(itemFromRow(row));
      else tombstones.push({ id: row.id, reason: row.status });
    }
    return { data, tombstones, ...page };
  }
}
