/**
 * Reads every row of a keyset-paged query: `page(afterId, limit)` must return rows in
 * ascending `id` order after `afterId`. An export of a long-time customer (tens of thousands
 * of events) is read in bounded pages instead of one unbounded statement, and the pages
 * never skip or repeat a row the way offsets would while rows are being added.
 */
export async function readPaged<Row extends { id: string }>(
  page: (afterId: string | null, limit: number) => Promise<Row[]>,
  pageSize = 1000,
): Promise<Row[]> {
  const rows: Row[] = [];
  let afterId: string | null = null;
  for (;;) {
    const batch = await page(afterId, pageSize);
    rows.push(...batch);
    if (batch.length < pageSize) return rows;
    afterId = batch[batch.length - 1]!.id;
  }
}
