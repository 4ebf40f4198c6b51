// The renderer's Content Security Policy, one definition for the Electron
// protocol handler's header, the web host's header and the <meta> in
// index.html (a test checks they agree). No inline script, no eval, no
// remote origins. `frame-ancestors` only works as a header, so the <meta>
// copy leaves it out.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
];

export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
