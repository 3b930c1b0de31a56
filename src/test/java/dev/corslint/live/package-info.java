/**
 * Live tests: the analyzer's model against real servers on loopback.
 *
 * <p>For nginx, {@link dev.corslint.live.NginxLiveTest} starts every complete configuration under
 * {@code test-fixtures/nginx/} (see {@link dev.corslint.live.NginxFixtures}) in the installed nginx, after
 * {@link dev.corslint.live.LoopbackRewrite} has moved it onto loopback ports and a private prefix, with
 * every proxied location answered by {@link dev.corslint.live.StubUpstream}. Each policy the real extractor
 * builds is probed with {@link dev.corslint.live.ProbeMatrix} through {@link dev.corslint.live.RawHttpClient},
 * and its {@code respond} must predict nginx's status and CORS header lines
 * ({@link dev.corslint.live.CorsAnswerComparison}). A failing run prints every difference; the full table is
 * also written to {@code target/live/nginx-live-report.txt}.
 *
 * <p>Run them with {@code mvn -B -o -q test -Dtest='dev.corslint.live.**'}. They skip when nginx is not
 * installed unless {@code CORSLINT_REQUIRE_LIVE=1}; {@code CORSLINT_LIVE_KEEP=1} keeps each nginx prefix
 * (rewritten {@code conf/nginx.conf}, logs) in the temp directory for debugging. Fixtures that use
 * {@code more_set_headers} need Debian's {@code libnginx-mod-http-headers-more-filter}.
 */
package dev.corslint.live;
