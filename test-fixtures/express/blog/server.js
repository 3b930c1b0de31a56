const express = require('express');
const cors = require('cors');

const app = express();
const port = process.env.PORT || 4000;

const posts = [
  { slug: 'hello-world', title: 'Hello, world' },
  { slug: 'second-post', title: 'A second post' },
];

app.use(express.json());

app.get('/api/posts', (req, res) => {
  res.json(posts);
});

app.get('/api/posts/:slug', (req, res) => {
  const post = posts.find((p) => p.slug === req.params.slug);
  if (!post) return res.status(404).json({ error: 'not found' });
  res.json(post);
});

if (process.env.NODE_ENV !== 'production') {
  // The Vite dev server runs the editor on another port.
  app.use('/api/drafts', cors({ origin: 'http://localhost:5173', credentials: true }));  // ok: dev-origin-in-production
}

app.use(cors());  // expect: middleware-order, wildcard-origin  // ok: wildcard-with-credentials

app.post('/api/comments', (req, res) => {
  res.status(201).json({ ok: true });
});

app.listen(port, () => console.log(`blog listening on ${port}`));
