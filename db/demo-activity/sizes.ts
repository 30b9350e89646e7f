/**
 * How much a year of demo activity holds. `large` is the figure: 100,000 customers
 * and 1,000,000 events and orders together; `small` the same shape for a quick look or a test.
 */
export const demoActivitySizes = {
  small: { customers: 2_000, orders: 5_000, events: 15_000 },
  large: { customers: 100_000, orders: 250_000, events: 750_000 },
} as const;

export type DemoActivitySizeName = keyof typeof demoActivitySizes;
export type DemoActivitySize = (typeof demoActivitySizes)[DemoActivitySizeName];
