/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  async headers() {
    return [
      {
        // The mobile app calls the API routes from its web view.
        source: '/api/:path*',
        headers: [
          { key: 'Access-Control-Allow-Credentials', value: 'true' },
          { key: 'Access-Control-Allow-Origin', value: '*' },  // expect: wildcard-with-credentials  // ok: wildcard-origin
          { key: 'Access-Control-Allow-Methods', value: 'GET,OPTIONS,PATCH,DELETE,POST,PUT' },
          { key: 'Access-Control-Allow-Headers', value: 'X-CSRF-Token, X-Requested-With, Accept, Content-Type, Authorization' },
        ],
      },
      {
        source: '/embed/:slug',
        headers: [
          { key: 'Access-Control-Allow-Origin', value: 'https://partners.example.com' },  // ok: wildcard-origin, missing-vary-origin
          { key: 'Access-Control-Max-Age', value: '86400' },  // ok: excessive-max-age
        ],
      },
    ];
  },
};

module.exports = nextConfig;
