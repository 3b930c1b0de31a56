// Each project scans its own directory once; the aggregator leaves api/ and web/ to them.
// Needs the nginx reader for the api module's finding (origin reflection in api/deploy/nginx/api.conf).
import groovy.json.JsonSlurper

// A failed check names what is wrong instead of dumping the whole log.
def check(ok, String what) { if (!ok) throw new AssertionError(what) }

def sarif = { String dir -> new JsonSlurper().parse(new File(basedir, dir + 'target/corslint.sarif')).runs[0] }
def uris = { run -> run.results.collect { it.locations[0].physicalLocation.artifactLocation.uri } }
def parent = sarif('')
def api = sarif('api/')
def web = sarif('web/')

check(parent.results == [], "the aggregator reported files: ${uris(parent)}")
check(web.results == [], "the web module reported files: ${uris(web)}")
check(api.results.any { it.ruleId == 'origin-reflection' }, "the api module missed the finding: ${api.results*.ruleId}")
check(uris(api).every { it == 'deploy/nginx/api.conf' }, "the api module's paths: ${uris(api)}")

// One code scanning category per project, so that their SARIF files can be uploaded together.
def ids = [parent, api, web].collect { it.automationDetails.id }
check(ids == ['corslint/', 'corslint/api/', 'corslint/web/'], "automationDetails ids: ${ids}")

// Printed once per finding: by the api module, never again by the aggregator.
def log = new File(basedir, 'build.log').text
def printed = log.readLines().findAll { it =~ /^\[(ERROR|WARNING|INFO)\] \S*api\.conf:\d+:\d+: (error|warning|note) \[/ }
check(printed.size() == api.results.size(), "printed ${printed.size()} findings for ${api.results.size()} results")
check(log.count('corslint: SARIF report written to') == 3, 'not one report per project')
return true
