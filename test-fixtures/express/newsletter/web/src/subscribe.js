const API_URL = 'https://newsletter-api.example.com';

export async function subscribe(email) {
  const res = await fetch(`${API_URL}/subscriptions`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return res.json();
}

export function unsubscribe(email) {
  return fetch(`${API_URL}/subscriptions/${encodeURIComponent(email)}`, { method: 'DELETE' });
}
