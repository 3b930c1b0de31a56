// Origins of the shop front ends. Keep in sync with the CDN configuration.
const allowedOrigins = [
  'https://shop.example.com',  // ok: insecure-origin-trusted, malformed-origin, mixed-content-origin
  'https://admin.shop.example.com',  // ok: dev-origin-in-production
  'http://localhost:3000',  // expect: dev-origin-in-production
];

const corsOptions = {
  origin(origin, callback) {  // ok: origin-reflection, missing-vary-origin
    // Requests without Origin come from curl, health checks and server-side rendering.
    if (!origin || allowedOrigins.includes(origin)) {
      return callback(null, true);
    }
    return callback(new Error(`Origin ${origin} is not allowed by CORS`));
  },
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],  // expect: method-not-allowed
  allowedHeaders: ['Content-Type', 'Authorization'],  // expect: header-not-allowed  // ok: wildcard-with-credentials-headers
  maxAge: 600,  // ok: excessive-max-age
};

module.exports = { allowedOrigins, corsOptions };
