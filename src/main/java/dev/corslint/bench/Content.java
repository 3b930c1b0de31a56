package dev.corslint.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The text of one synthetic file. Ordinary sources never mention CORS; the configurations are written the way
 * real projects write them, some right and some with the mistakes corslint exists to find.
 */
final class Content {

  private Content() {}

  private static final String[] ORIGINS = {
    "https://app.example.com", "https://admin.example.com", "https://www.example.com", "https://partner.example.org",
    "http://localhost:3000", "https://staging.example.com"
  };

  static byte[] of(FileKind kind, int size, SplittableRandom r) {
    return switch (kind) {
      case TS -> filler(size, r, Content::typescriptChunk);
      case JS -> filler(size, r, Content::javascriptChunk);
      case PY -> filler(size, r, Content::pythonChunk);
      case JAVA -> java(size, r);
      case CSS -> filler(size, r, (i, rr) -> "." + MonorepoGenerator.word(i) + "-" + i + " { margin: " + rr.nextInt(40)
          + "px; color: #" + Integer.toHexString(0x100000 + rr.nextInt(0xeffff)) + "; display: flex; }\n");
      case SVG -> svg(size, r);
      case JSON -> filler(size, r, (i, rr) -> (i == 0 ? "[\n" : ",\n") + "  {\"id\": " + rr.nextInt(1_000_000)
          + ", \"name\": \"" + MonorepoGenerator.word(i) + "\", \"count\": " + rr.nextInt(500) + "}");
      case MARKDOWN -> filler(size, r, (i, rr) -> "## " + MonorepoGenerator.word(i) + " " + i
          + "\n\nThe " + MonorepoGenerator.word(i + 1) + " module keeps its state in the store and renders on demand.\n\n");
      case PNG -> png(size, r);
      case MINIFIED_BUNDLE -> filler(size, r, (i, rr) -> "function " + ident(rr) + "(a,b){return a." + ident(rr)
          + "(b)||" + rr.nextInt(99) + "}var " + ident(rr) + "=[" + rr.nextInt(999) + "," + rr.nextInt(999) + "];");
      case SOURCE_MAP -> filler(size, r, (i, rr) -> (i == 0 ? "{\"version\":3,\"mappings\":\"" : "") + ident(rr)
          + "AAAA,SAAS," + ident(rr) + ";");
      case LOCKFILE -> filler(size, r, (i, rr) -> "    \"node_modules/" + ident(rr) + "\": {\n      \"version\": \"1."
          + rr.nextInt(30) + "." + rr.nextInt(9) + "\",\n      \"integrity\": \"sha512-" + ident(rr) + ident(rr) + "\"\n    },\n");
      case GITIGNORE -> ascii("# build output\ndist/\n/coverage\n.next/\n*.log\n.env\n__pycache__/\n");
      case NGINX -> ascii(nginx(r));
      case DJANGO_SETTINGS -> ascii(djangoSettings(r));
      case DJANGO_VIEWS -> ascii("from django.http import JsonResponse\n\n\ndef orders(request):\n"
          + "    token = request.headers.get(\"X-Api-Token\")\n    return JsonResponse({\"ok\": bool(token)})\n");
      case FLASK_APP -> ascii(flask(r));
      case FASTAPI_APP -> ascii(fastapi(r));
      case EXPRESS_APP -> ascii(express(r));
      case SPRING_CONTROLLER -> ascii(springController(r));
      case SPRING_CONFIG -> ascii(springConfig(r));
      case MANAGE_PY -> ascii("#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == \"__main__\":\n"
          + "    os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"config.settings\")\n"
          + "    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n");
      case REQUIREMENTS -> ascii("Django==4.2.11\ndjango-cors-headers==4.3.1\nflask==3.0.2\nflask-cors==4.0.0\n"
          + "fastapi==0.110.0\nrequests==2.31.0\n");
      case PACKAGE_JSON -> ascii("{\n  \"name\": \"service\",\n  \"private\": true,\n  \"dependencies\": {\n"
          + "    \"express\": \"^4.19.2\",\n    \"cors\": \"^2.8.5\"\n  }\n}\n");
      case POM -> ascii("<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n"
          + "  <artifactId>service</artifactId>\n  <version>1.0.0</version>\n  <parent>\n"
          + "    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n"
          + "    <version>3.2.4</version>\n  </parent>\n</project>\n");
      case INIT_PY -> new byte[0];
    };
  }

  private interface Chunk {
    String make(int index, SplittableRandom r);
  }

  private static byte[] filler(int size, SplittableRandom r, Chunk chunk) {
    StringBuilder sb = new StringBuilder(size + 256);
    for (int i = 0; sb.length() < size; i++) sb.append(chunk.make(i, r));
    sb.setLength(size);
    sb.append('\n');
    return ascii(sb);
  }

  private static String ident(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 2 + r.nextInt(6);
    for (int i = 0; i < n; i++) sb.append((char) ('a' + r.nextInt(26)));
    return sb.toString();
  }

  private static String typescriptChunk(int i, SplittableRandom r) {
    String w = MonorepoGenerator.word(i + r.nextInt(5));
    if (i == 0) return "import { useState } from \"react\";\nimport type { " + cap(w) + " } from \"../models/" + w + "\";\n\n";
    return "export function load" + cap(w) + i + "(items: " + cap(w) + "[], limit = " + r.nextInt(100) + "): number {\n"
        + "  const seen = new Set<string>();\n  for (const item of items.slice(0, limit)) {\n"
        + "    if (item.id && !seen.has(item.id)) seen.add(item.id);\n  }\n  return seen.size * " + r.nextInt(9) + ";\n}\n\n";
  }

  private static String javascriptChunk(int i, SplittableRandom r) {
    String w = MonorepoGenerator.word(i + r.nextInt(5));
    if (i == 0) return "\"use strict\";\nconst path = require(\"path\");\n\n";
    return "function format" + cap(w) + i + "(value, options) {\n  const parts = String(value).split(\".\");\n"
        + "  if (options && options.pad) parts[0] = parts[0].padStart(" + r.nextInt(12) + ", \"0\");\n"
        + "  return parts.join(path.sep);\n}\nmodule.exports." + w + i + " = format" + cap(w) + i + ";\n\n";
  }

  private static String pythonChunk(int i, SplittableRandom r) {
    String w = MonorepoGenerator.word(i + r.nextInt(5));
    if (i == 0) return "\"\"\"" + cap(w) + " helpers.\"\"\"\nimport logging\nfrom dataclasses import dataclass\n\n"
        + "log = logging.getLogger(__name__)\n\n\n";
    if (r.nextInt(8) == 0) {
      return "@dataclass\nclass " + cap(w) + i + ":\n    name: str\n    total: int = " + r.nextInt(100) + "\n\n"
          + "    def scaled(self, factor: int) -> int:\n        return self.total * factor\n\n\n";
    }
    return "def summarise_" + w + "_" + i + "(rows, limit=" + r.nextInt(50) + "):\n    out = []\n    for row in rows[:limit]:\n"
        + "        if row.get(\"" + w + "\"):\n            out.append(row[\"" + w + "\"])\n"
        + "    log.debug(\"%d rows\", len(out))\n    return out\n\n\n";
  }

  private static byte[] java(int size, SplittableRandom r) {
    String cls = "Generated" + Math.abs(r.nextInt(1_000_000));
    StringBuilder sb = new StringBuilder(size + 512);
    sb.append("package com.example.generated;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\n")
        .append("public final class ").append(cls).append(" {\n\n");
    for (int i = 0; sb.length() < size; i++) {
      String w = MonorepoGenerator.word(i + r.nextInt(5));
      sb.append("  public List<String> ").append(w).append(i).append("(List<String> input) {\n")
          .append("    List<String> out = new ArrayList<>();\n    for (String s : input) {\n")
          .append("      if (s.length() > ").append(r.nextInt(20)).append(") out.add(s.trim());\n    }\n")
          .append("    return out;\n  }\n\n");
    }
    sb.append("}\n");
    return ascii(sb);
  }

  private static byte[] svg(int size, SplittableRandom r) {
    StringBuilder sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">\n");
    while (sb.length() < size) {
      sb.append("  <path d=\"M").append(r.nextInt(24)).append(' ').append(r.nextInt(24)).append("L").append(r.nextInt(24))
          .append(' ').append(r.nextInt(24)).append("Z\"/>\n");
    }
    return ascii(sb.append("</svg>\n"));
  }

  private static byte[] png(int size, SplittableRandom r) {
    byte[] b = new byte[Math.max(size, 64)];
    r.nextBytes(b);
    byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    System.arraycopy(header, 0, b, 0, header.length);
    return b;
  }

  private static String origin(SplittableRandom r) {
    return ORIGINS[r.nextInt(ORIGINS.length)];
  }

  private static String nginx(SplittableRandom r) {
    String upstream = "app_" + Math.abs(r.nextInt(10_000));
    String originCheck = switch (r.nextInt(4)) {
      case 0 -> "    if ($http_origin ~* \"^https://(www|app)\\.example\\.com$\") {\n"
          + "        set $cors_origin $http_origin;\n    }\n";
      case 1 -> "    if ($http_origin ~* \"example.com\") {\n        set $cors_origin $http_origin;\n    }\n";
      case 2 -> "    set $cors_origin \"" + origin(r) + "\";\n";
      default -> "    set $cors_origin $http_origin;\n";
    };
    return "upstream " + upstream + " {\n    server 127.0.0.1:" + (8000 + r.nextInt(900)) + ";\n}\n\n"
        + "server {\n    listen 443 ssl;\n    server_name api" + r.nextInt(50) + ".example.com;\n\n"
        + "    set $cors_origin \"\";\n" + originCheck + "\n"
        + "    location /api/ {\n"
        + "        if ($request_method = OPTIONS) {\n"
        + "            add_header Access-Control-Allow-Origin $cors_origin always;\n"
        + "            add_header Access-Control-Allow-Methods \"GET, POST, PUT, DELETE, OPTIONS\" always;\n"
        + "            add_header Access-Control-Allow-Headers \"Authorization, Content-Type\" always;\n"
        + "            add_header Access-Control-Allow-Credentials true always;\n"
        + "            add_header Access-Control-Max-Age 86400;\n"
        + "            return 204;\n        }\n"
        + "        add_header Access-Control-Allow-Origin $cors_origin always;\n"
        + "        add_header Access-Control-Allow-Credentials true always;\n"
        + (r.nextBoolean() ? "        add_header Vary Origin always;\n" : "")
        + "        proxy_pass http://" + upstream + ";\n    }\n\n"
        + "    location /static/ {\n        root /srv/www;\n        add_header Cache-Control \"public, max-age=3600\";\n"
        + "    }\n}\n";
  }

  private static String djangoSettings(SplittableRandom r) {
    String origins = switch (r.nextInt(4)) {
      case 0 -> "CORS_ALLOW_ALL_ORIGINS = True\n";
      case 1 -> "CORS_ALLOWED_ORIGIN_REGEXES = [\n    r\"^https://\\w+\\.example\\.com$\",\n    r\"https://.*example.org\",\n]\n";
      default -> "CORS_ALLOWED_ORIGINS = [\n    \"" + origin(r) + "\",\n    \"" + origin(r) + "\",\n]\n";
    };
    return "from pathlib import Path\nimport os\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n"
        + "SECRET_KEY = os.environ.get(\"SECRET_KEY\", \"dev\")\nDEBUG = False\nALLOWED_HOSTS = [\"*\"]\n\n"
        + "INSTALLED_APPS = [\n    \"django.contrib.contenttypes\",\n    \"django.contrib.auth\",\n    \"corsheaders\",\n"
        + "    \"api\",\n]\n\nMIDDLEWARE = [\n"
        + (r.nextBoolean() ? "    \"corsheaders.middleware.CorsMiddleware\",\n    \"django.middleware.common.CommonMiddleware\",\n"
            : "    \"django.middleware.common.CommonMiddleware\",\n    \"corsheaders.middleware.CorsMiddleware\",\n")
        + "    \"django.middleware.security.SecurityMiddleware\",\n]\n\nROOT_URLCONF = \"config.urls\"\n\n"
        + origins + "CORS_ALLOW_CREDENTIALS = " + (r.nextBoolean() ? "True" : "False") + "\n"
        + "CORS_ALLOW_HEADERS = [\"authorization\", \"content-type\"]\n";
  }

  private static String flask(SplittableRandom r) {
    String origins = r.nextBoolean() ? "\"*\"" : "[\"" + origin(r) + "\", \"" + origin(r) + "\"]";
    return "from flask import Flask, jsonify, request\nfrom flask_cors import CORS\n\napp = Flask(__name__)\n"
        + "CORS(app, resources={r\"/api/*\": {\"origins\": " + origins + "}}, supports_credentials="
        + (r.nextBoolean() ? "True" : "False") + ")\n\n\n@app.route(\"/api/orders\", methods=[\"GET\", \"POST\"])\n"
        + "def orders():\n    token = request.headers.get(\"Authorization\")\n    return jsonify(ok=bool(token))\n";
  }

  private static String fastapi(SplittableRandom r) {
    String origins = r.nextBoolean() ? "[\"*\"]" : "[\"" + origin(r) + "\"]";
    return "from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\n\n"
        + "app.add_middleware(\n    CORSMiddleware,\n    allow_origins=" + origins + ",\n    allow_credentials="
        + (r.nextBoolean() ? "True" : "False") + ",\n    allow_methods=[\"*\"],\n    allow_headers=[\"*\"],\n)\n\n\n"
        + "@app.get(\"/api/items\")\ndef items():\n    return []\n";
  }

  private static String express(SplittableRandom r) {
    String options = switch (r.nextInt(4)) {
      case 0 -> "{ origin: true, credentials: true }";
      case 1 -> "{ origin: /example\\.com$/, credentials: true }";
      case 2 -> "{ origin: [\"" + origin(r) + "\", \"" + origin(r) + "\"], methods: [\"GET\", \"POST\"] }";
      default -> "{ origin: \"*\" }";
    };
    return "const express = require(\"express\");\nconst cors = require(\"cors\");\n\nconst app = express();\n"
        + "app.use(express.json());\napp.use(cors(" + options + "));\n\n"
        + "app.get(\"/api/orders\", (req, res) => {\n  const token = req.get(\"Authorization\");\n"
        + "  res.json({ ok: Boolean(token) });\n});\n\napp.listen(process.env.PORT || " + (3000 + r.nextInt(100)) + ");\n";
  }

  private static String springController(SplittableRandom r) {
    String annotation = r.nextBoolean() ? "@CrossOrigin(origins = \"" + origin(r) + "\", allowCredentials = \"true\")"
        : "@CrossOrigin";
    return "package com.example.web;\n\nimport org.springframework.web.bind.annotation.CrossOrigin;\n"
        + "import org.springframework.web.bind.annotation.GetMapping;\nimport org.springframework.web.bind.annotation.RequestHeader;\n"
        + "import org.springframework.web.bind.annotation.RestController;\n\n@RestController\n" + annotation + "\n"
        + "public class OrdersController {\n\n  @GetMapping(\"/api/orders\")\n"
        + "  public String orders(@RequestHeader(\"Authorization\") String token) {\n    return \"[]\";\n  }\n}\n";
  }

  private static String springConfig(SplittableRandom r) {
    String origins = r.nextBoolean() ? ".allowedOriginPatterns(\"*\")" : ".allowedOrigins(\"" + origin(r) + "\")";
    return "package com.example.web;\n\nimport org.springframework.context.annotation.Configuration;\n"
        + "import org.springframework.web.servlet.config.annotation.CorsRegistry;\n"
        + "import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;\n\n@Configuration\n"
        + "public class CorsConfig implements WebMvcConfigurer {\n\n  @Override\n"
        + "  public void addCorsMappings(CorsRegistry registry) {\n    registry.addMapping(\"/api/**\")\n      " + origins
        + "\n      .allowedMethods(\"GET\", \"POST\")\n      .allowCredentials(" + r.nextBoolean() + ");\n  }\n}\n";
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static byte[] ascii(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
