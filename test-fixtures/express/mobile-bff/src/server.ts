import express, { NextFunction, Request, Response } from 'express';
import cors, { CorsOptions } from 'cors';

const app = express();

// Public app API: the native apps' web views and the marketing site.
const v1Cors: CorsOptions = {
  origin: (origin, callback) => callback(null, !origin || origin.endsWith('example.com')),  // expect: permissive-origin-regex, insecure-origin-trusted
  credentials: true,
  allowedHeaders: ['Content-Type'],  // expect: header-not-allowed
};

app.use('/v1', cors(v1Cors));
app.get('/v1/profile', (req: Request, res: Response) => {
  const token = req.headers.authorization;
  res.json({ signedIn: Boolean(token) });
});

// Back-office tools. TODO: restrict before launch.
app.use('/internal', cors({ origin: true, credentials: true }));  // expect: origin-reflection
app.get('/internal/flags', (req: Request, res: Response) => res.json({ beta: true }));

// Preview deployments of the web app.
app.use('/preview', cors({
  origin: [
    /^https:\/\/deploy-preview-\d+--mobile-web\.netlify\.app$/,  // ok: third-party-origin-trusted, permissive-origin-regex
    /\.netlify\.app$/,  // expect: third-party-origin-trusted
  ],
}));
app.get('/preview/config', (req: Request, res: Response) => res.json({}));

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal' });
});

export default app;
