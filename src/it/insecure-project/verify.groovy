// The build failed (invoker checks that): because of the finding, with the finding and a summary in the log.
// Needs the nginx reader: it finds origin reflection with credentials in deploy/nginx/api.conf.
import groovy.json.JsonSlurper

// A failed check names what is wrong instead of dumping the whole log.
def check(ok, String what) { if (!ok) throw new AssertionError(what) }

def log = new File(basedir, 'build.log').text
check(log =~ /\[ERROR\] deploy\/nginx\/api\.conf:\d+:\d+: error \[origin-reflection\] /,
    'the origin-reflection finding is not in the build log as an error')
check(log.contains('$http_origin'), 'the source line is not shown under the finding')
check(log =~ /corslint found \d+ CORS problems? at or above 'error' in 1 file/, 'no failure summary in the build log')

def run = new JsonSlurper().parse(new File(basedir, 'target/corslint.sarif')).runs[0]
def reflection = run.results.findAll { it.ruleId == 'origin-reflection' }
check(reflection.size() >= 1, "no origin-reflection result in the SARIF: ${run.results*.ruleId}")
check(reflection[0].locations[0].physicalLocation.artifactLocation.uri == 'deploy/nginx/api.conf',
    "the result points at ${reflection[0].locations[0].physicalLocation.artifactLocation.uri}")
check(reflection[0].partialFingerprints['corslint/v1'] ==~ /[0-9a-f]{64}/, 'no corslint/v1 fingerprint')
return true
