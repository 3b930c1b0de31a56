const express = require('express');

const app = express();
app.use(express.text({ type: '*/*' }));

// Dashboards read the aggregates; the SDK posts beacons from customer sites.
app.use((req, res, next) => {
  if (req.method === 'GET') {
    res.setHeader('Access-Control-Allow-Origin', 'https://dashboards.example.com');
    res.setHeader('Vary', 'Origin');
  }
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST');  // expect: missing-allow-origin
  next();
});

app.get('/stats', (req, res) => res.json({ beacons: 12 }));
app.post('/beacon', (req, res) => res.status(204).end());

app.listen(process.env.PORT || 4318);
