const express = require('express');
const cors = require('cors');

const { corsOptions } = require('./config/cors');
const { requireApiKey } = require('./middleware/auth');
const products = require('./routes/products');
const cart = require('./routes/cart');

const app = express();

app.disable('x-powered-by');
app.use(express.json());
app.use(cors(corsOptions));  // ok: middleware-order, missing-allow-origin

app.get('/health', (req, res) => res.send('ok'));
app.use('/api/products', products);
app.use('/api/cart', requireApiKey, cart);

app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ error: err.message });
});

module.exports = app;
