package dev.corslint.ecosystems.spring;

import dev.corslint.model.Request;
import dev.corslint.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/** Spring's {@code CorsConfigurationSource}: the configuration that applies to a request, if any. */
interface CorsSource {

  /** The configuration for {@code req} at {@code path} (without the context path), or null. */
  CorsSettings lookup(Request req, String path);

  /** Every configuration this source can return, for what a scope allows. */
  List<CorsSettings> all(String path);

  /** Where the source is declared. */
  SourceSpan span();

  /** A path pattern registered with a configuration. */
  record Registration(PathPattern pattern, CorsSettings settings, SourceSpan span) {}

  /** {@code UrlBasedCorsConfigurationSource} and {@code CorsRegistry}: the first registered pattern that matches wins. */
  record UrlBased(List<Registration> registrations, SourceSpan span) implements CorsSource {
    public UrlBased {
      registrations = List.copyOf(registrations);
    }

    @Override
    public CorsSettings lookup(Request req, String path) {
      for (Registration r : registrations) if (r.pattern().matches(path)) return r.settings();
      return null;
    }

    @Override
    public List<CorsSettings> all(String path) {
      List<CorsSettings> out = new ArrayList<>();
      for (Registration r : registrations) {
        if (r.pattern().matches(path)) {
          out.add(r.settings());
          break;
        }
      }
      return out;
    }
  }

  /** A source that answers the same configuration for every request ({@code request -> config}). */
  record Fixed(CorsSettings settings, SourceSpan span) implements CorsSource {
    @Override
    public CorsSettings lookup(Request req, String path) {
      return settings;
    }

    @Override
    public List<CorsSettings> all(String path) {
      return List.of(settings);
    }
  }

  /** Spring MVC's own configuration ({@code @CrossOrigin} and the registry), as Security's default source reads it. */
  record Mvc(SpringApp app, SourceSpan span) implements CorsSource {
    @Override
    public CorsSettings lookup(Request req, String path) {
      return app.mvcConfig(req, path).config();
    }

    @Override
    public List<CorsSettings> all(String path) {
      return app.mvcConfigs(path);
    }
  }
}
