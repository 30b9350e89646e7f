import { recordEngagement } from '../../../../db/messages/record-engagement';
import { getDatabase } from '../../../../server/database';
import { verifyTrackingLink } from '../../../../server/tracking-links';

/** The smallest transparent GIF: 1×1, one transparent colour, 43 bytes. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

// Every load must reach us to count; a cached pixel is an open we never see.
export const dynamic = 'force-dynamic';

function pixelResponse(): Response {
  return new Response(new Uint8Array(pixel), {
    status: 200,
    headers: {
      'Content-Type': 'image/gif',
      'Content-Length': String(pixel.length),
      'Cache-Control': 'no-store, private',
    },
  });
}

/**
 * The open pixel of a sent email (emails/tracking.ts). Always answers with the image, for
 * a bad token or a failed write too: a broken image in the reader's mail is our problem,
 * not theirs, and the answer must not tell a prober which tokens are valid.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const claims = verifyTrackingLink((await params).token);
  if (claims?.kind === 'open') {
    try {
      await recordEngagement(getDatabase(), {
        kind: 'open',
        messageLogId: claims.messageLogId,
        userAgent: request.headers.get('user-agent'),
        at: new Date(),
      });
    } catch (error) {
      console.error(`Recording the open of message ${claims.messageLogId} failed:`, error);
    }
  }
  return pixelResponse();
}

/** Without this, Next answers HEAD by running GET, and a probe would count as an open. */
export function HEAD() {
  return pixelResponse();
}
