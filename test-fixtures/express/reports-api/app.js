const express = require('express');
const cors = require('cors');

const app = express();

const REPORT_ORIGINS = ['https://reports.example.com', 'https://finance.example.com'];

// v1 predates the cors package: it announces every front end at once.
app.use('/v1', (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', REPORT_ORIGINS.join(', '));  // expect: multiple-origin-values
  next();
});

// v2: the allow list, as an array.
app.use('/v2', (req, res, next) => {
  res.header('Access-Control-Allow-Origin', REPORT_ORIGINS);  // expect: duplicate-cors-headers
  res.header('Vary', 'Origin');
  next();
});

app.use('/v3', cors({ origin: REPORT_ORIGINS }));  // ok: duplicate-cors-headers, multiple-origin-values

// The summary widget is embedded by the dashboards and, since last spring, by partner sites.
const widget = express.Router();
widget.use(cors({ origin: REPORT_ORIGINS }));
widget.use((req, res, next) => {
  res.append('Access-Control-Allow-Origin', '*');  // expect: duplicate-cors-headers
  next();
});
widget.get('/summary', (req, res) => res.json({ total: 3 }));
app.use('/widget', widget);

app.use('/public', cors());  // expect: wildcard-origin  // ok: wildcard-with-credentials

app.use('/exports', cors({ origin: 'https://reports.example.com, https://finance.example.com' }));  // expect: multiple-origin-values

app.get('/v1/reports', (req, res) => res.json([]));
app.get('/v2/reports', (req, res) => res.json([]));
app.get('/v3/reports', (req, res) => res.json([]));
app.get('/public/status', (req, res) => res.json({ ok: true }));
app.get('/exports/latest', (req, res) => res.json({ url: '/files/latest.csv' }));

module.exports = app;
app.listen(process.env.PORT || 9090);
