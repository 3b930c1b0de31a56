const express = require('express');
const cors = require('cors');

const app = express();

app.use(cors({ origin: ['https://analytics.example.com'], credentials: true }));  // expect: mixed-content-origin

app.get('/v1/metrics', (req, res) => res.json({ visits: 1200 }));
app.get('/v1/metrics/:name', (req, res) => res.json({ name: req.params.name, value: 42 }));

app.listen(process.env.PORT || 6060);
