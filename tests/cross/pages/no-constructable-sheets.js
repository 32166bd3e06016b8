// An engine without constructable style sheets (Safari before 16.4,
// Firefox before 101): `new CSSStyleSheet()` throws.
window.CSSStyleSheet = function CSSStyleSheet() { throw new TypeError('Illegal constructor'); };
