package dev.corslint.ecosystems.nginx;

import java.util.List;
import java.util.Set;

/** The variables nginx and its common modules define by themselves. */
final class NginxVariables {

  private static final Set<String> NAMES = Set.of("arg", "args", "binary_remote_addr", "body_bytes_sent",
      "bytes_sent", "connection", "connection_requests", "connection_time", "content_length", "content_type",
      "document_root", "document_uri", "host", "hostname", "http2", "http3", "https", "is_args", "limit_rate",
      "msec", "nginx_version", "pid", "pipe", "query_string", "realpath_root", "remote_addr", "remote_port",
      "remote_user", "request", "request_body", "request_body_file", "request_completion", "request_filename",
      "request_id", "request_length", "request_method", "request_time", "request_uri", "scheme", "server_addr",
      "server_name", "server_port", "server_protocol", "status", "time_iso8601", "time_local", "uri",
      "proxy_host", "proxy_port", "proxy_add_x_forwarded_for", "gzip_ratio", "fastcgi_script_name",
      "fastcgi_path_info", "date_gmt", "date_local", "invalid_referer", "secure_link", "secure_link_expires",
      "tcpinfo_rtt", "tcpinfo_rttvar", "tcpinfo_snd_cwnd", "tcpinfo_rcv_space", "msie", "modern_browser",
      "ancient_browser", "mirror", "auth_type", "quic");
  private static final List<String> PREFIXES = List.of("http_", "arg_", "cookie_", "sent_http_", "sent_trailer_",
      "upstream_", "ssl_", "geoip_", "geoip2_", "jwt_", "limit_", "realip_", "proxy_protocol_", "uid_", "slice_",
      "memcached_", "spdy_", "sticky_");

  private NginxVariables() {}

  static boolean isBuiltin(String name) {
    if (NAMES.contains(name)) return true;
    for (String p : PREFIXES) if (name.startsWith(p)) return true;
    return false;
  }
}
