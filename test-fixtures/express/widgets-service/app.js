const express = require('express');
const cors = require('cors');

const app = express();
app.use(express.json());

// Only the dashboard embeds widgets; reports are also opened from the finance tool.
const widgetCors = cors({ origin: 'https://dashboard.example.com' });  // expect: missing-allow-origin  // ok: wildcard-origin
const reportCors = cors({
  origin: ['https://dashboard.example.com', 'https://finance.example.com'],
  methods: ['GET', 'PUT'],  // ok: method-not-allowed
});

const widgets = new Map();

app.get('/widgets', widgetCors, (req, res) => {
  res.json([...widgets.values()]);
});

app.put('/widgets/:id', widgetCors, (req, res) => {  // expect: preflight-not-handled
  widgets.set(req.params.id, req.body);
  res.json(req.body);
});

app.delete('/widgets/:id', widgetCors, (req, res) => {  // expect: preflight-not-handled
  widgets.delete(req.params.id);
  res.status(204).end();
});

app.options('/reports/:id', reportCors);
app.get('/reports/:id', reportCors, (req, res) => {
  res.json({ id: req.params.id });
});
app.put('/reports/:id', reportCors, (req, res) => {  // ok: preflight-not-handled
  res.json({ id: req.params.id, saved: true });
});

module.exports = app;
