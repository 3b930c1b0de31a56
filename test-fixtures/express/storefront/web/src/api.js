import axios from 'axios';

const API_BASE = process.env.REACT_APP_API_URL || 'https://api.shop.example.com';

const client = axios.create({
  baseURL: `${API_BASE}/api`,
  withCredentials: true,
});

export function listProducts() {
  return client.get('/products');
}

export function updateQuantity(apiKey, itemId, quantity) {
  return client.patch(`/cart/items/${itemId}`, { quantity }, { headers: { 'X-Api-Key': apiKey } });
}

export async function fetchCart(apiKey) {
  const res = await fetch(`${API_BASE}/api/cart`, {
    credentials: 'include',
    headers: { 'X-Api-Key': apiKey },
  });
  return res.json();
}
