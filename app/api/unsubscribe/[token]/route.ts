import { unsubscribeCustomer } from '../../../../db/customers/unsubscribe';
import { verifyCustomerLink } from '../../../../server/customer-links';
import { getDatabase } from '../../../../server/database';
import { takeCustomerLinkRequest, tooManyRequestsText } from '../../../../server/rate-limit/public-limits';

/**
 * RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the
 * URL in the `List-Unsubscribe` header, with no page in between. Idempotent, so a client
 * that retries gets 200 again.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const claims = verifyCustomerLink(token, 'unsubscribe');
  if (!claims) return new Response('This unsubscribe link is not valid.\n', { status: 404 });
  const verdict = takeCustomerLinkRequest(token);
  if (!verdict.allowed) return tooManyRequestsText(verdict);
  const result = await unsubscribeCustomer(
    getDatabase(),
    claims.workspaceId,
    claims.customerId,
    'one_click_unsubscribe',
  );
  if (result === 'not_found') return new Response('This unsubscribe link is not valid.\n', { status: 404 });
  return new Response('Unsubscribed.\n', { status: 200, headers: { 'Cache-Control': 'no-store' } });
}

/** Older clients open the header's URL in a browser: show them the confirmation page. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return Response.redirect(new URL(`/unsubscribe/${encodeURIComponent(token)}`, request.url), 303);
}
