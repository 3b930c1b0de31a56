const express = require('express');
const cors = require('cors');

const app = express();
app.use(express.json());

// Each deployment points CORS_ORIGIN at its own front end; the shop is the default.
app.use(cors({
  origin: process.env.CORS_ORIGIN || 'https://shop.example.com',
  credentials: true,
}));

app.get('/api/orders', (req, res) => {
  res.json([]);
});

app.post('/api/orders', (req, res) => {
  res.status(201).json(req.body);
});

app.listen(process.env.PORT || 3000);
