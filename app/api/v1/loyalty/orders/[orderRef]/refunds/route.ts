import { refundOrderEndpoint } from '../../../../../../../server/loyalty-api/refund-order';

/** Refund (part of) an order: its points are taken back in proportion (docs/loyalty-api.md). */
export const POST = refundOrderEndpoint;
