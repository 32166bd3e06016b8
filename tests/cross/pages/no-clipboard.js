// A page served over plain http from a host name (not localhost): every
// engine leaves navigator.clipboard undefined outside a secure context.
Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
