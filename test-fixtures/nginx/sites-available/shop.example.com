# Storefront: the static build of the shop front end, its API, and the web
# fonts that the blog and the help centre load from their own domains.
server {
    listen 80;
    listen [::]:80;
    server_name shop.example.com www.shop.example.com;
    return 301 https://shop.example.com$request_uri;
}

server {
    listen 443 ssl http2;
    listen [::]:443 ssl http2;
    server_name shop.example.com www.shop.example.com;

    ssl_certificate     /etc/letsencrypt/live/shop.example.com/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/shop.example.com/privkey.pem;

    root /var/www/shop/current/dist;
    index index.html;

    location / {
        try_files $uri $uri/ /index.html;
    }

    # Fonts are loaded cross-origin by blog.example.com and help.example.com.
    location ~* \.(?:woff2?|ttf|otf|eot)$ {
        # No "always": a missing font is a 404 without this header, and the
        # browser reports a CORS error instead of the 404.
        add_header Access-Control-Allow-Origin "*";    # expect: wildcard-origin, cors-headers-missing-on-errors
        add_header Cache-Control "public, max-age=31536000, immutable";
        access_log off;
    }

    location /api/ {
        include proxy_params;
        proxy_pass http://127.0.0.1:8000;

        # The Django app still answers CORS for the retired mobile site;
        # hide its headers and allow only the new mobile front end.
        proxy_hide_header Access-Control-Allow-Origin;    # ok: cors-headers-stripped-by-proxy
        proxy_hide_header Access-Control-Allow-Credentials;
        add_header Access-Control-Allow-Origin "https://m.shop.example.com" always;    # ok: duplicate-cors-headers, mixed-content-origin, missing-vary-origin
        add_header Access-Control-Allow-Credentials "true" always;
        add_header Vary Origin always;

        # Order exports download as files.
        location /api/exports/ {
            include proxy_params;
            proxy_pass http://127.0.0.1:8000;
            add_header Content-Disposition "attachment";    # expect: add-header-inheritance
        }
    }
}
