/**
 * What an erasure removed, stored in `erasure_requests.summary` and answered again on a
 * repeated request. Counts only: the record of an erasure must not keep what it erased.
 */
export interface ErasureSummary {
  customerId: string;
  /** ISO instant of the erasure (the transaction's time). */
  erasedAt: string;
  /** The profile's personal columns were cleared (always true; kept for readers of old rows). */
  profileCleared: true;
  /** Events whose properties and user/anonymous ids were scrubbed (name and time kept). */
  events: number;
  /** Message-log rows whose address, subject and SMTP response were removed. */
  messages: number;
  /** Email opens and clicks whose link and user agent were removed (kind and time kept). */
  engagements: number;
  /** Profile changes whose values were removed (the kind of change is kept). */
  profileChanges: number;
  /** Segment memberships ended. */
  segmentMemberships: number;
  /** Consent history rows kept, their sources cut to the kind (`journey:jrn_1` → `journey`). */
  consentChanges: number;
  /** Topic opt-outs deleted (state only: each is in the consent history too). Absent in records before it was counted. */
  topicOptOuts?: number;
  /** Suppression entries whose address was replaced by its `suppressionHash` (still suppressed). */
  suppressions: number;
  /** Ledger entries kept unchanged (amounts are never touched; they no longer point at a person). */
  ledgerEntriesKept: number;
  /** Orders and vouchers kept (amounts, codes' status); order lines are kept as the shop sent them. */
  ordersKept: number;
  vouchersKept: number;
}
