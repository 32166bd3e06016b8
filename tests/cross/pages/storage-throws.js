// localStorage as a sandboxed frame or a "block all cookies" setting has
// it: reading the property throws a SecurityError.
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
