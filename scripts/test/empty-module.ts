// Stands in for `server-only` in tests: the real package throws outside a React Server
// Component build, which is exactly its job in Next but not in a Node test process.
export {};
