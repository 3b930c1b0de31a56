package dev.corslint.ecosystems.nginx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An {@code http} context: its level, servers, and the variables defined for all of them. */
final class NginxHttp {

  NginxLevel level;
  final List<NginxServer> servers = new ArrayList<>();
  final Map<String, NginxMap> maps = new LinkedHashMap<>();
  /** Variables some {@code set} assigns: they exist (empty until assigned) everywhere. */
  final Set<String> setVariables = new HashSet<>();
  /** Variables defined by modules whose values corslint does not compute ({@code geo}, {@code perl_set}...). */
  final Set<String> opaqueVariables = new HashSet<>();
  /** Named captures of {@code server_name} regexes: parts of the Host header, which a request does not fix. */
  final Set<String> hostCaptures = new HashSet<>();
  /** {@code upstream} blocks by name: the servers a {@code proxy_pass http://name} reaches. */
  final Map<String, Directive> upstreams = new LinkedHashMap<>();
}
