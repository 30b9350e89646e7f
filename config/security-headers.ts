/**
 * Headers every response of the web app carries. The Content-Security-Policy needs a nonce
 * per request, so proxy.ts sets it (config/content-security-policy.ts).
 */
export const securityHeaders: Array<{ key: string; value: string }> = [
  // Browsers must not guess a type: an uploaded or echoed text never runs as script.
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // No other site may frame the admin (clickjacking); the studio's preview is an srcdoc
  // iframe, which is not a response and so is not affected.
  { key: 'X-Frame-Options', value: 'DENY' },
  // Member, unsubscribe and preference links carry signed tokens in their path: never send
  // the path on to another site.
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** Only over HTTPS in production: on http://localhost a browser would ignore it, or worse, remember it. */
export const strictTransportSecurity = { key: 'Strict-Transport-Security', value: 'max-age=31536000' };
