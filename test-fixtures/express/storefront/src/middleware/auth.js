const API_KEYS = new Set((process.env.CART_API_KEYS || '').split(',').filter(Boolean));

function requireApiKey(req, res, next) {
  const key = req.get('X-Api-Key');
  if (!key || !API_KEYS.has(key)) {
    return res.status(401).json({ error: 'missing or unknown API key' });
  }
  next();
}

module.exports = { requireApiKey };
