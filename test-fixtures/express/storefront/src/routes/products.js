const express = require('express');

const router = express.Router();

const products = [
  { id: 1, name: 'Espresso cup', price: 9.5 },
  { id: 2, name: 'Milk jug', price: 14 },
];

router.get('/', (req, res) => {
  res.json(products);
});

router.get('/:id', (req, res) => {
  const product = products.find((p) => String(p.id) === req.params.id);
  if (!product) return res.status(404).json({ error: 'not found' });
  res.json(product);
});

module.exports = router;
