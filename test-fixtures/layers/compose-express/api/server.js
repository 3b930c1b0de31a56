'use strict';
const express = require('express');
const cors = require('cors');

const app = express();

// Only the shop's own front end may call the API, with the user's session cookie.
app.use(cors({ origin: ['https://shop.example-shop.com'], credentials: true }));    // ok: duplicate-cors-headers

app.get('/orders/:id', (req, res) => {
  res.json({ id: req.params.id, status: 'shipped' });
});

app.get('/catalog/items', (req, res) => {
  res.json([{ sku: 'mug-01', price: 12 }]);
});

const PORT = process.env.PORT || 3000;
app.listen(PORT, () => {
  console.log(`shop API listening on ${PORT}`);
});

module.exports = app;
