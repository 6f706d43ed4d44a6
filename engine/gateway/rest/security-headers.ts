import type { RequestHandler } from 'express';

/**
 * What the pages may load: only their own origin's scripts, styles, fonts and API. Styles may also be inline,
 * because the component library (Ant Design's CSS-in-JS), bpmn-js and form-js set styles at run time;
 * scripts may not, so an injected `<script>` or `onerror=` never runs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers every answer carries: the policy above, no framing by other sites (clickjacking a clerk into
 * completing a task), no MIME sniffing, and no case URLs leaking to other sites through Referer.
 */
export function securityHeaders(): RequestHandler {
  return (_request, response, next) => {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    next();
  };
}
