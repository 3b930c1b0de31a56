const express = require('express');
const cors = require('cors');

const app = express();

// The local control panel runs on the device itself or on a laptop in the same network.
app.use(cors({
  origin: [/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/, /^https:\/\/panel-[a-z0-9]+\.devices\.example\.com$/],  // expect: dev-origin-in-production
}));

app.use((req, res, next) => {
  // Chrome asks before a public page may reach a device on the private network.
  res.setHeader('Access-Control-Allow-Private-Network', 'true');  // expect: private-network-access
  next();
});

app.get('/status', (req, res) => res.json({ online: true }));
app.post('/relay/:id/toggle', (req, res) => res.json({ id: req.params.id, on: true }));

app.listen(process.env.PORT || 8081);
