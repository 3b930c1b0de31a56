const { Router } = require('express');

const router = Router();
const carts = new Map();

router.get('/', (req, res) => {
  res.json(carts.get(req.get('X-Api-Key')) || []);
});

router.post('/items', (req, res) => {
  res.status(201).json({ ok: true });
});

router.patch('/items/:id', (req, res) => {
  res.json({ id: req.params.id, quantity: req.body.quantity });
});

router.delete('/items/:id', (req, res) => {
  res.status(204).end();
});

module.exports = router;
