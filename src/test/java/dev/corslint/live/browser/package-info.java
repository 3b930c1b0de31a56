/**
 * The browser-agreement test of {@code corslint explain} (issue 8): {@link
 * dev.corslint.live.browser.ExplainAgreesWithChromiumTest} runs every live nginx fixture in a real nginx (the
 * harness of {@link dev.corslint.live}) and compares the Explainer's verdict and console line, request by
 * request, with what Debian's headless {@code chromium} does when a page on the request's origin calls nginx
 * with {@code fetch}; {@link dev.corslint.live.browser.ApplicationsAgreeWithChromiumTest} does the same for the
 * Express, Django/Flask/FastAPI and Spring fixtures, started as their own live tests start them, and {@link
 * dev.corslint.live.browser.LayersAgreeWithChromiumTest} for requests through nginx in front of the application
 * of the same repository (the fixtures under {@code test-fixtures/layers/}), on the combined answer. The request
 * matrix and the comparison are shared in {@link dev.corslint.live.browser.Agreement}.
 *
 * <p>{@link dev.corslint.live.browser.ChromiumDriver} runs {@code src/test/resources/live/browser/driver.js}
 * (playwright-core, connected over CDP to the chromium it starts; no browser is ever downloaded). Needs:
 * {@code apt-get install chromium nginx-light} (plus {@code libnginx-mod-http-headers-more-filter}),
 * {@code node}, {@code openssl}, and {@code npm ci} in {@code src/test/resources/live/browser}. Skipped when
 * one is missing unless {@code CORSLINT_REQUIRE_LIVE=1}; {@code CORSLINT_CHROMIUM} names another binary.
 * Run alone with {@code mvn -B -o test -Dtest='ExplainAgreesWithChromiumTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}; every request is written to
 * {@code target/live/browser-agreement.txt} (the applications' to
 * {@code target/live/browser-agreement-<ecosystem>.txt}, the layered ones' to
 * {@code target/live/browser-agreement-layers.txt}), the driver's log to {@code target/live/browser-driver.log}.
 */
package dev.corslint.live.browser;
