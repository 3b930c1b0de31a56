// The build passed (invoker checks that) although the configuration is insecure: failOn is none.
// Needs the nginx reader: it finds origin reflection with credentials in deploy/nginx/api.conf.
import groovy.json.JsonSlurper

// A failed check names what is wrong instead of dumping the whole log.
def check(ok, String what) { if (!ok) throw new AssertionError(what) }

def log = new File(basedir, 'build.log').text
check(log =~ /\[ERROR\] deploy\/nginx\/api\.conf:\d+:\d+: error \[origin-reflection\] /,
    'the finding is not reported in the build log')
check(log =~ /corslint: \d+ problems? \(\d+ errors?, /, 'no summary with the counts in the build log')
check(!log.contains('corslint found'), 'the failure message was printed although failOn is none')

def run = new JsonSlurper().parse(new File(basedir, 'target/corslint.sarif')).runs[0]
check(run.results.any { it.ruleId == 'origin-reflection' }, "no origin-reflection result: ${run.results*.ruleId}")
return true
