const express = require('express');

const app = express();

// The Electron desktop app loads its UI from file://, which browsers send as Origin: null.
const ALLOWED_ORIGINS = new Set([
  'https://app.example.com',  // ok: null-origin-allowed
  'https://m.example.com',
  'null',  // expect: null-origin-allowed
]);

function corsHeaders(req, res, next) {
  const origin = req.get('origin');
  if (ALLOWED_ORIGINS.has(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);  // expect: missing-vary-origin
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', '*');  // expect: wildcard-with-credentials-headers
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');  // ok: wildcard-with-credentials-headers
    res.setHeader('Access-Control-Allow-Private-Network', 'true');  // ok: private-network-access
  }
  if (req.method === 'OPTIONS') {
    return res.status(204).end();
  }
  next();
}

app.use(corsHeaders);

app.get('/events', (req, res) => {
  res.json({ events: [] });
});

app.post('/events', (req, res) => {
  res.status(202).json({ accepted: true });
});

app.listen(Number(process.env.PORT) || 7070);
