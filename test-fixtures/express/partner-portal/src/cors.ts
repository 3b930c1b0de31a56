import type { CorsOptions } from 'cors';

// Every partner gets a portal: portal-acme.partners.example.com, portal-globex.partners.example.com, ...
const PARTNER_PORTAL = /^https:\/\/portal-(\w+-?)+\.partners\.example\.com$/;  // expect: origin-regex-redos

export const corsOptions: CorsOptions = {
  origin: [
    PARTNER_PORTAL,
    /\.vercel\.app$/,  // expect: third-party-origin-trusted
    /^https:\/\/portal.example\.com$/,  // expect: permissive-origin-regex  // ok: origin-regex-redos
    'https://portal.example.com/',  // expect: malformed-origin
    'http://partners.example.com',  // expect: insecure-origin-trusted
    'https://status.example.com',  // ok: insecure-origin-trusted
    'null',  // expect: null-origin-allowed
  ],
  credentials: true,
  methods: 'GET,POST',  // expect: method-not-allowed
  exposedHeaders: '*',  // expect: wildcard-with-credentials-headers
  maxAge: 60 * 60 * 24 * 30,  // expect: excessive-max-age
};
